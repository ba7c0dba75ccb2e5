ROOTLINE_SEARCH.terms("pu", {"published":[1],"pushed":[0]});
