ROOTLINE_SEARCH.terms("lo", {"loss":[4],"lost":[4]});
