ROOTLINE_SEARCH.terms("ab", {"about":[1,2,3],"abuse":[3]});
