ROOTLINE_SEARCH.terms("vi", {"visitors":[0]});
