ROOTLINE_SEARCH.terms("ca", {"came":[1,2],"carries":[1]});
