ROOTLINE_SEARCH.terms("is", {"is":[3]});
