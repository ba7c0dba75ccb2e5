ROOTLINE_SEARCH.terms("uk", {"uk":[2]});
