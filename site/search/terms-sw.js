ROOTLINE_SEARCH.terms("sw", {"switched":[0]});
