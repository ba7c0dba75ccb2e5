ROOTLINE_SEARCH.terms("ev", {"evening":[1],"every":[0,4]});
