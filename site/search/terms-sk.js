ROOTLINE_SEARCH.terms("sk", {"sky":[1]});
