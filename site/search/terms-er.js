ROOTLINE_SEARCH.terms("er", {"ergonomics":[3],"ericsson":[1,2],"errors":[0]});
