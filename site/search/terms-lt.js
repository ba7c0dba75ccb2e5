ROOTLINE_SEARCH.terms("lt", {"lte":[2]});
