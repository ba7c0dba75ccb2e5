ROOTLINE_SEARCH.terms("to", {"to":[0,2,3,4],"took":[2],"tooling":[4]});
