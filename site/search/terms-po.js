ROOTLINE_SEARCH.terms("po", {"point":[1],"postgresql":[4]});
