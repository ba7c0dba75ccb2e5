ROOTLINE_SEARCH.terms("po", {"point":[2],"postgresql":[3]});
