ROOTLINE_SEARCH.terms("31", {"31":[3]});
