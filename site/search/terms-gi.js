ROOTLINE_SEARCH.terms("gi", {"giffgaff":[1],"gitlab":[3]});
