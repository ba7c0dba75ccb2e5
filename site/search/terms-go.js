ROOTLINE_SEARCH.terms("go", {"got":[0]});
