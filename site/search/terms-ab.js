ROOTLINE_SEARCH.terms("ab", {"about":[1,4]});
