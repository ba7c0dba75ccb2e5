ROOTLINE_SEARCH.terms("un", {"until":[0]});
