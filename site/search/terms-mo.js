ROOTLINE_SEARCH.terms("mo", {"mobile":[1,2],"monitoring":[1],"most":[1]});
