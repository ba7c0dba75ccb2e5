ROOTLINE_SEARCH.terms("re", {"rebuilding":[3],"regex":[0],"regression":[0],"regular":[0],"reliably":[3],"removed":[3],"replica":[3],"replication":[3],"restored":[3],"returned":[2]});
