ROOTLINE_SEARCH.terms("si", {"single":[1],"sites":[0],"six":[4]});
