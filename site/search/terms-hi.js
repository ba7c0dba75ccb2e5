ROOTLINE_SEARCH.terms("hi", {"hit":[2]});
