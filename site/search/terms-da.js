ROOTLINE_SEARCH.terms("da", {"data":[1,2,3],"database":[3]});
