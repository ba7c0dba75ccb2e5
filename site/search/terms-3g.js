ROOTLINE_SEARCH.terms("3g", {"3g":[1]});
