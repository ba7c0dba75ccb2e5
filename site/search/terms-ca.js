ROOTLINE_SEARCH.terms("ca", {"calls":[3],"came":[1,2],"carries":[1],"catastrophically":[0],"cause":[3]});
