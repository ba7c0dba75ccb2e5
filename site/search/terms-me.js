ROOTLINE_SEARCH.terms("me", {"method":[4]});
