ROOTLINE_SEARCH.terms("ly", {"lycamobile":[1]});
