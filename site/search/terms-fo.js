ROOTLINE_SEARCH.terms("fo", {"for":[0,1,2,4],"four":[2]});
