ROOTLINE_SEARCH.terms("wh", {"while":[3]});
