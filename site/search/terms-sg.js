ROOTLINE_SEARCH.terms("sg", {"sgsn":[1,2]});
