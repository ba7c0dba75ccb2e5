ROOTLINE_SEARCH.terms("sn", {"snapshot":[3]});
