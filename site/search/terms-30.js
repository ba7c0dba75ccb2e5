ROOTLINE_SEARCH.terms("30", {"30":[2],"30am":[1],"30pm":[1]});
