ROOTLINE_SEARCH.terms("mi", {"million":[1,2],"ministry":[2],"minutes":[0,2],"mistake":[3]});
