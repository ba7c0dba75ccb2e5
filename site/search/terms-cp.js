ROOTLINE_SEARCH.terms("cp", {"cpu":[0]});
