ROOTLINE_SEARCH.terms("on", {"on":[0,1,2],"once":[0]});
