ROOTLINE_SEARCH.terms("co", {"com":[4],"configuration":[0],"core":[1,2,3],"country":[3]});
