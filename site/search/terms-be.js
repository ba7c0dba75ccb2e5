ROOTLINE_SEARCH.terms("be", {"be":[4],"behind":[0]});
