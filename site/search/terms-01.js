ROOTLINE_SEARCH.terms("01", {"01":[3]});
