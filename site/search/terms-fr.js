ROOTLINE_SEARCH.terms("fr", {"friday":[1]});
