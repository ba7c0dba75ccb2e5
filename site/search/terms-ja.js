ROOTLINE_SEARCH.terms("ja", {"japan":[2]});
