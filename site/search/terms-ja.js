ROOTLINE_SEARCH.terms("ja", {"january":[2],"japan":[2]});
