ROOTLINE_SEARCH.terms("ea", {"early":[1]});
