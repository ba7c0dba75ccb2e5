ROOTLINE_SEARCH.terms("li", {"lines":[2]});
