ROOTLINE_SEARCH.terms("04", {"04":[3]});
