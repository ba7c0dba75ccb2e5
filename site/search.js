// Offline search over search-index.js (a prebuilt inverted index). No network,
// and nothing from the index is ever inserted as HTML: only as text.
(function () {
  "use strict";
  var index = window.ROOTLINE_SEARCH;
  var form = document.getElementById("search");
  if (!index || !form) { return; }
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var terms = Object.keys(index.terms);
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  function matching(word) {
    var found = {};
    for (var i = 0; i < terms.length; i++) {
      if (terms[i].lastIndexOf(word, 0) === 0) {
        index.terms[terms[i]].forEach(function (doc) { found[doc] = true; });
      }
    }
    return found;
  }

  function search(query) {
    var words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
    if (words.length === 0) { return []; }
    var hits = matching(words[0]);
    for (var i = 1; i < words.length; i++) {
      var next = matching(words[i]);
      Object.keys(hits).forEach(function (doc) { if (!next[doc]) { delete hits[doc]; } });
    }
    return Object.keys(hits).map(Number).sort(function (a, b) { return a - b; }).slice(0, 50);
  }

  input.addEventListener("input", function () {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var query = input.value.trim();
    if (!query) { return; }
    var hits = search(query);
    if (hits.length === 0) {
      var none = document.createElement("li");
      none.textContent = "No incident matches.";
      results.appendChild(none);
      return;
    }
    hits.forEach(function (doc) {
      var d = index.docs[doc];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = d[0];
      link.textContent = d[1];
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + d[2] + ", " + d[3] + ")"));
      results.appendChild(item);
    });
  });
})();
