ROOTLINE_SEARCH.terms("wo", {"worldwide":[0]});
