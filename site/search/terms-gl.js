ROOTLINE_SEARCH.terms("gl", {"global":[0],"globally":[0]});
