ROOTLINE_SEARCH.terms("10", {"100":[0]});
