ROOTLINE_SEARCH.terms("23", {"23":[2]});
