// Offline search over the sharded index in search/. Nothing of the index is
// loaded until the box is used; then only the shards the query's words need,
// each by a <script> element (works from file://, where fetch is refused).
// No network, and nothing from the index is ever inserted as HTML: only as text.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) { return; }
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  // Which terms shards exist: a word whose shard is missing matches nothing.
  var shards = {};
  {{ keys | safe }}.forEach(function (key) { shards[key] = true; });
  var perChunk = {{ docs_per_chunk }};
  var loaded = { terms: {}, docs: {} };
  var waiting = {};
  var latest = 0;
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  window.ROOTLINE_SEARCH = {
    terms: function (key, terms) { arrived("terms", key, terms); },
    docs: function (chunk, docs) { arrived("docs", chunk, docs); }
  };

  function arrived(kind, name, data) {
    loaded[kind][name] = data;
    var callbacks = waiting[kind + "/" + name] || [];
    delete waiting[kind + "/" + name];
    callbacks.forEach(function (callback) { callback(); });
  }

  // Loads one shard once; `done` runs when it is there (at once if it is).
  function load(kind, name, done) {
    if (loaded[kind][name]) { done(); return; }
    var id = kind + "/" + name;
    if (waiting[id]) { waiting[id].push(done); return; }
    waiting[id] = [done];
    var script = document.createElement("script");
    script.src = root + "search/" + kind + "-" + name + ".js";
    script.onerror = function () { arrived(kind, name, kind === "terms" ? {} : []); };
    document.head.appendChild(script);
  }

  function loadAll(kind, names, done) {
    var left = names.length;
    if (left === 0) { done(); return; }
    names.forEach(function (name) { load(kind, name, function () { left -= 1; if (left === 0) { done(); } }); });
  }

  // The same key as the build's `shard_key`: the first two letters, each an
  // ASCII letter or digit as it is, any other as _<hex>_.
  function shardKey(word) {
    return Array.from(word).slice(0, 2).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  function queryWords(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return Array.from(w).length > 1; });
  }

  function matching(word) {
    var terms = loaded.terms[shardKey(word)] || {};
    var found = {};
    Object.keys(terms).forEach(function (term) {
      if (term.lastIndexOf(word, 0) === 0) { terms[term].forEach(function (doc) { found[doc] = true; }); }
    });
    return found;
  }

  function search(words) {
    var hits = matching(words[0]);
    for (var i = 1; i < words.length; i++) {
      var next = matching(words[i]);
      Object.keys(hits).forEach(function (doc) { if (!next[doc]) { delete hits[doc]; } });
    }
    return Object.keys(hits).map(Number).sort(function (a, b) { return a - b; });
  }

  function line(text) {
    var item = document.createElement("li");
    item.textContent = text;
    return item;
  }

  function show(hits) {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    if (hits.length === 0) { results.appendChild(line("No incident matches.")); return; }
    hits.slice(0, 50).forEach(function (doc) {
      var d = loaded.docs[Math.floor(doc / perChunk)][doc % perChunk];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + d[0];
      link.textContent = d[1];
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + d[2] + ", " + d[3] + ")"));
      results.appendChild(item);
    });
    if (hits.length > 50) { results.appendChild(line("The newest 50 of " + hits.length + " matches.")); }
  }

  input.addEventListener("input", function () {
    var asked = ++latest;
    var words = queryWords(input.value.trim());
    if (words.length === 0) {
      while (results.firstChild) { results.removeChild(results.firstChild); }
      return;
    }
    var keys = words.map(shardKey).filter(function (key, i, all) { return shards[key] && all.indexOf(key) === i; });
    loadAll("terms", keys, function () {
      if (asked !== latest) { return; }
      var hits = search(words);
      var chunks = hits.slice(0, 50).map(function (doc) { return Math.floor(doc / perChunk); })
        .filter(function (chunk, i, all) { return all.indexOf(chunk) === i; });
      loadAll("docs", chunks, function () { if (asked === latest) { show(hits); } });
    });
  });
})();
