ROOTLINE_SEARCH.terms("50", {"502":[0]});
