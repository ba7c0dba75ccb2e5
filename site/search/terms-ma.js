ROOTLINE_SEARCH.terms("ma", {"managed":[0]});
