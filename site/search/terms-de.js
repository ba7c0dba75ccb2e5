ROOTLINE_SEARCH.terms("de", {"december":[1,2],"deleted":[4],"deletion":[4],"deployment":[0]});
