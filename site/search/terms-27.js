ROOTLINE_SEARCH.terms("27", {"27":[0]});
