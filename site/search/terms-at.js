ROOTLINE_SEARCH.terms("at", {"at":[0,1]});
