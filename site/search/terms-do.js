ROOTLINE_SEARCH.terms("do", {"down":[3]});
