ROOTLINE_SEARCH.terms("fa", {"failure":[2]});
