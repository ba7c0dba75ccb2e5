ROOTLINE_SEARCH.terms("af", {"affected":[1],"after":[0,2,4],"afternoon":[2]});
