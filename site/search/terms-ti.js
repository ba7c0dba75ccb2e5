ROOTLINE_SEARCH.terms("ti", {"times":[3]});
