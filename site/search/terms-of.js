ROOTLINE_SEARCH.terms("of", {"of":[1,2,3,4],"off":[0]});
