ROOTLINE_SEARCH.terms("fi", {"five":[3]});
