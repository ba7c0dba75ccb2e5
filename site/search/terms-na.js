ROOTLINE_SEARCH.terms("na", {"nationwide":[1]});
