ROOTLINE_SEARCH.terms("so", {"so":[3],"softbank":[2],"software":[1,2]});
