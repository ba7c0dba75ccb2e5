ROOTLINE_SEARCH.terms("vo", {"voice":[2]});
