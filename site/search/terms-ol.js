ROOTLINE_SEARCH.terms("ol", {"old":[4],"older":[2]});
