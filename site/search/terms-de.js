ROOTLINE_SEARCH.terms("de", {"december":[1,2],"deletion":[3],"deployment":[0]});
