ROOTLINE_SEARCH.terms("in", {"in":[1,2]});
