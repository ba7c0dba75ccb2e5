ROOTLINE_SEARCH.terms("ta", {"taken":[3]});
