ROOTLINE_SEARCH.terms("we", {"went":[0],"were":[0,1,3]});
