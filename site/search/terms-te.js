ROOTLINE_SEARCH.terms("te", {"tesco":[1],"testing":[0]});
