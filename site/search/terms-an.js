ROOTLINE_SEARCH.terms("an", {"an":[1,2,3],"and":[0,1,2,3]});
