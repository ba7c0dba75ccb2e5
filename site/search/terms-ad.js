ROOTLINE_SEARCH.terms("ad", {"administrative":[2]});
