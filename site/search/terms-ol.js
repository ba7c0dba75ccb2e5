ROOTLINE_SEARCH.terms("ol", {"older":[2]});
