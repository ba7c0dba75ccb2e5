ROOTLINE_SEARCH.terms("pu", {"public":[3],"pushed":[0]});
