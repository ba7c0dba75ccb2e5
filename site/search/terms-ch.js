ROOTLINE_SEARCH.terms("ch", {"change":[0],"changes":[3]});
