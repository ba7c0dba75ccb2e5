ROOTLINE_SEARCH.terms("ev", {"every":[0]});
