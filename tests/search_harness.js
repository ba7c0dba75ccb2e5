// Runs the site's search.js against its shards in node, with just enough of a
// DOM: node tests/search_harness.js SITE "QUERY"
// Prints {"loaded": [shards in load order], "results": [titles], "before": n}
// where `before` counts the shards loaded before the box was used.
"use strict";
const fs = require("fs");
const path = require("path");
const [site, query] = process.argv.slice(2);

function element(tag) {
  return {
    tagName: tag, children: [], attributes: {}, hidden: true, listeners: {}, textContent: "",
    get firstChild() { return this.children[0] || null; },
    appendChild(child) { this.children.push(child); if (this.onappend) { this.onappend(child); } return child; },
    removeChild(child) { this.children.splice(this.children.indexOf(child), 1); },
    getAttribute(name) { return this.attributes[name] === undefined ? null : this.attributes[name]; },
    addEventListener(kind, listener) { (this.listeners[kind] = this.listeners[kind] || []).push(listener); },
  };
}

const loaded = [];
const form = element("form");
form.attributes["data-root"] = "";
const input = element("input");
const results = element("ul");
const head = element("head");
head.onappend = (script) => {
  // A browser runs an injected script later, never inside appendChild.
  setTimeout(() => {
    const file = path.join(site, script.src);
    if (!fs.existsSync(file)) { script.onerror(); return; }
    loaded.push(script.src);
    new Function(fs.readFileSync(file, "utf8"))();
  }, 0);
};
const byId = { "search": form, "search-input": input, "search-results": results };
global.window = global;
global.document = {
  head,
  getElementById: (id) => byId[id] || null,
  createElement: element,
  createTextNode: (text) => ({ textContent: text }),
};

new Function(fs.readFileSync(path.join(site, "search.js"), "utf8"))();
const before = loaded.length;
input.value = query;
input.listeners.input.forEach((listener) => listener());
setTimeout(() => {
  const titles = results.children
    .filter((item) => item.children.length > 0)
    .map((item) => item.children[0].textContent);
  console.log(JSON.stringify({ loaded, results: titles, before, formShown: !form.hidden }));
}, 200);
