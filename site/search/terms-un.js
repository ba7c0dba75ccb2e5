ROOTLINE_SEARCH.terms("un", {"unable":[3],"unknown":[3],"until":[0],"unusable":[4]});
