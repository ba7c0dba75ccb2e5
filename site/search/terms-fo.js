ROOTLINE_SEARCH.terms("fo", {"for":[0,1,2,3],"four":[2]});
