ROOTLINE_SEARCH.terms("ha", {"handling":[3]});
