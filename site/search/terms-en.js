ROOTLINE_SEARCH.terms("en", {"enormously":[0]});
