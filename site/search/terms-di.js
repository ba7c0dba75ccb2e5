ROOTLINE_SEARCH.terms("di", {"directory":[3]});
