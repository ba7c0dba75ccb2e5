ROOTLINE_SEARCH.terms("ou", {"out":[2],"outage":[1,2]});
