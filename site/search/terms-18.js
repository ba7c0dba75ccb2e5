ROOTLINE_SEARCH.terms("18", {"18":[3]});
