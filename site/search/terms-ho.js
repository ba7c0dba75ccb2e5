ROOTLINE_SEARCH.terms("ho", {"hosted":[1],"hours":[2,3]});
