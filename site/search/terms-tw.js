ROOTLINE_SEARCH.terms("tw", {"two":[1]});
