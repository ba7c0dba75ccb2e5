ROOTLINE_SEARCH.terms("fr", {"friday":[1],"from":[3]});
