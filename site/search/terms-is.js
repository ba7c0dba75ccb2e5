ROOTLINE_SEARCH.terms("is", {"is":[1],"issued":[2]});
