ROOTLINE_SEARCH.terms("ou", {"out":[2,4],"outage":[1,2,3]});
