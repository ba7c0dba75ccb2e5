ROOTLINE_SEARCH.terms("af", {"affected":[1],"affecting":[2],"after":[0,2,3],"afternoon":[2]});
