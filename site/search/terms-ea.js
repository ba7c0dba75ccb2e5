ROOTLINE_SEARCH.terms("ea", {"earlier":[3]});
