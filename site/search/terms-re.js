ROOTLINE_SEARCH.terms("re", {"rebuilding":[4],"receive":[3],"record":[3],"regex":[0],"regression":[0],"regular":[0],"removed":[4],"replica":[4],"replication":[4],"reporting":[3]});
