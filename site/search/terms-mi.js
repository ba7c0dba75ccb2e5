ROOTLINE_SEARCH.terms("mi", {"million":[1],"minutes":[0,2],"mistake":[4]});
