ROOTLINE_SEARCH.terms("er", {"ergonomics":[4],"ericsson":[1,2],"errors":[0]});
