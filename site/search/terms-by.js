ROOTLINE_SEARCH.terms("by", {"by":[3]});
