ROOTLINE_SEARCH.terms("no", {"no":[3]});
