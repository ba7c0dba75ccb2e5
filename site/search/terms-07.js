ROOTLINE_SEARCH.terms("07", {"07":[0]});
