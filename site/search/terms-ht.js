ROOTLINE_SEARCH.terms("ht", {"http":[0],"https":[0]});
