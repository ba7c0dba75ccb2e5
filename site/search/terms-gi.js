ROOTLINE_SEARCH.terms("gi", {"giffgaff":[1],"gitlab":[4],"gives":[3]});
