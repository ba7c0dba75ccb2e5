ROOTLINE_SEARCH.terms("wo", {"working":[3],"worldwide":[0]});
