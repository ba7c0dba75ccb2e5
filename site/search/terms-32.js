ROOTLINE_SEARCH.terms("32", {"32":[1]});
