ROOTLINE_SEARCH.terms("ga", {"gap":[0,1,3]});
