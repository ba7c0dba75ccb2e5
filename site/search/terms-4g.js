ROOTLINE_SEARCH.terms("4g", {"4g":[1,2]});
