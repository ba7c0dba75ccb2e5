ROOTLINE_SEARCH.terms("up", {"up":[1,3]});
