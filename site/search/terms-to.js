ROOTLINE_SEARCH.terms("to", {"to":[0,1,2],"took":[2],"tooling":[3]});
