ROOTLINE_SEARCH.terms("ac", {"across":[2]});
