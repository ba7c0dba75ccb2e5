ROOTLINE_SEARCH.terms("oc", {"october":[3]});
