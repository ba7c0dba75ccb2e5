ROOTLINE_SEARCH.terms("ro", {"rolled":[2]});
