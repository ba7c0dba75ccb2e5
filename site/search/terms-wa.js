ROOTLINE_SEARCH.terms("wa", {"waf":[0],"was":[0,2,3]});
