ROOTLINE_SEARCH.terms("du", {"duration":[3]});
