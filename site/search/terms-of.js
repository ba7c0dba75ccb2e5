ROOTLINE_SEARCH.terms("of", {"of":[1,2,3],"off":[0]});
