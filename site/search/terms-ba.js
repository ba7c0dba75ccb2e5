ROOTLINE_SEARCH.terms("ba", {"back":[1,2],"backtracked":[0],"backtracking":[0],"backup":[3],"backups":[3],"base":[1]});
