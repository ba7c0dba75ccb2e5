ROOTLINE_SEARCH.terms("no", {"none":[3],"not":[1]});
