ROOTLINE_SEARCH.terms("tu", {"turned":[4]});
