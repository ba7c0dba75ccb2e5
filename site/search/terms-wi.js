ROOTLINE_SEARCH.terms("wi", {"with":[0]});
