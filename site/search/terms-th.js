ROOTLINE_SEARCH.terms("th", {"that":[0,1,2],"the":[0,1,2,3],"thursday":[1]});
