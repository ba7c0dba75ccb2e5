ROOTLINE_SEARCH.terms("tr", {"traffic":[0]});
