ROOTLINE_SEARCH.terms("12", {"12":[1,2]});
