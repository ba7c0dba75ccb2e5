ROOTLINE_SEARCH.terms("ru", {"rule":[0],"rules":[0],"runbook":[3]});
