ROOTLINE_SEARCH.terms("la", {"lagging":[3]});
