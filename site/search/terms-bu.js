ROOTLINE_SEARCH.terms("bu", {"but":[3]});
