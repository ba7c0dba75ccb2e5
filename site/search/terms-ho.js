ROOTLINE_SEARCH.terms("ho", {"hour":[4],"hours":[2,4]});
