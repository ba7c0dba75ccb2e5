ROOTLINE_SEARCH.terms("pr", {"primary":[3],"process":[0]});
