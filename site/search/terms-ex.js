ROOTLINE_SEARCH.terms("ex", {"exhausted":[0],"exhaustion":[0],"expired":[1],"expiry":[1,2],"expression":[0]});
