ROOTLINE_SEARCH.terms("sa", {"same":[2]});
