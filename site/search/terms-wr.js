ROOTLINE_SEARCH.terms("wr", {"written":[2]});
