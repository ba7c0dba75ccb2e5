ROOTLINE_SEARCH.terms("or", {"or":[3]});
