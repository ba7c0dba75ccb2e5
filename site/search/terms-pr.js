ROOTLINE_SEARCH.terms("pr", {"primary":[4],"problem":[3],"process":[0]});
