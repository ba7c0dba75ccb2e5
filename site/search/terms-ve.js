ROOTLINE_SEARCH.terms("ve", {"vendor":[1,2],"version":[2],"versions":[1]});
