ROOTLINE_SEARCH.terms("st", {"staging":[4],"stopped":[1]});
