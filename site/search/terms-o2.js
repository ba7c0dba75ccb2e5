ROOTLINE_SEARCH.terms("o2", {"o2":[1,2]});
