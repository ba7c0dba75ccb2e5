ROOTLINE_SEARCH.terms("ne", {"nearly":[0],"network":[1,2],"networks":[1],"new":[0]});
