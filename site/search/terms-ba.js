ROOTLINE_SEARCH.terms("ba", {"back":[1,2],"backtracked":[0],"backtracking":[0],"backup":[4],"backups":[4]});
