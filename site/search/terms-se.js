ROOTLINE_SEARCH.terms("se", {"server":[0,3],"service":[2],"serving":[0],"set":[3],"sev1":[0,1,2,3]});
