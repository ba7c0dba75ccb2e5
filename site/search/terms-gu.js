ROOTLINE_SEARCH.terms("gu", {"guidance":[2]});
