ROOTLINE_SEARCH.terms("ed", {"edge":[0]});
