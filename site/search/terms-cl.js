ROOTLINE_SEARCH.terms("cl", {"cloudflare":[0]});
