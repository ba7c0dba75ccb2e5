ROOTLINE_SEARCH.terms("co", {"com":[3],"configuration":[0],"core":[1,2],"count":[1]});
