ROOTLINE_SEARCH.terms("mm", {"mme":[1,2]});
