ROOTLINE_SEARCH.terms("st", {"stopped":[1]});
