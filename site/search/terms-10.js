ROOTLINE_SEARCH.terms("10", {"10":[3],"100":[0]});
