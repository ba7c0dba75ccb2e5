ROOTLINE_SEARCH.terms("lv", {"lvm":[3]});
