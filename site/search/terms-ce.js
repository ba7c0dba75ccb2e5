ROOTLINE_SEARCH.terms("ce", {"certificate":[1,2]});
