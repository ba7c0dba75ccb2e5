ROOTLINE_SEARCH.terms("02", {"02":[0]});
