ROOTLINE_SEARCH.terms("ef", {"effect":[3]});
