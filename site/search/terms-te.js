ROOTLINE_SEARCH.terms("te", {"techniques":[3],"tesco":[1],"testing":[0]});
