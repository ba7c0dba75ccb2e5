ROOTLINE_SEARCH.terms("in", {"in":[0,1,2]});
