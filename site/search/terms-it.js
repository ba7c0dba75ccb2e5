ROOTLINE_SEARCH.terms("it", {"it":[1,3]});
