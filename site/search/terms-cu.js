ROOTLINE_SEARCH.terms("cu", {"customers":[1]});
