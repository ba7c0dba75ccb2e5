ROOTLINE_SEARCH.terms("25", {"25":[2]});
