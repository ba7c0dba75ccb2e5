ROOTLINE_SEARCH.terms("se", {"seconds":[0],"server":[0,4],"service":[2],"serving":[0],"sev1":[0,1,2,4],"sev2":[3]});
