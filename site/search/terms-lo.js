ROOTLINE_SEARCH.terms("lo", {"loss":[3],"lost":[3]});
