ROOTLINE_SEARCH.terms("si", {"single":[2],"sites":[0],"six":[3],"size":[1]});
