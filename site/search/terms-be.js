ROOTLINE_SEARCH.terms("be", {"behind":[0]});
