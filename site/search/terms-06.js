ROOTLINE_SEARCH.terms("06", {"06":[1,2]});
