ROOTLINE_SEARCH.terms("da", {"data":[1,2,4],"database":[4],"date":[3]});
