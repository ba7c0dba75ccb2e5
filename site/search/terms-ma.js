ROOTLINE_SEARCH.terms("ma", {"make":[3],"managed":[0]});
