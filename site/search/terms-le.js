ROOTLINE_SEARCH.terms("le", {"leaves":[3],"left":[3]});
