// Times pages in headless Chromium through its DevTools protocol (over a
// pipe: no port, no packages). Not a test: timings vary by machine.
//
//   node benches/tools/page_load.js SITE QUERY PAGE...
//
// For each PAGE (a path inside SITE) prints `load PAGE MS`: the time from
// navigation start to the load event, the best of three loads (the first of
// which is cold). Then opens index.html and types QUERY into the search box
// once, printing `search MS SHARDS`: from the input event to the first result
// on screen, shards loaded included.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [site, query, ...pages] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "rootline-chromium-"));
const browser = spawn("chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
  "--no-first-run", "--user-data-dir=" + profile, "about:blank",
], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });

const pending = new Map();
const waiters = [];
let next = 1;
let buffer = "";
browser.stdio[4].on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) { reject(new Error(JSON.stringify(message.error))); } else { resolve(message.result); }
    } else if (message.method) {
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i].method === message.method && waiters[i].session === message.sessionId) {
          waiters.splice(i, 1)[0].resolve(message.params);
        }
      }
    }
  }
});

function send(method, params = {}, sessionId) {
  const id = next++;
  const message = { id, method, params };
  if (sessionId) { message.sessionId = sessionId; }
  browser.stdio[3].write(JSON.stringify(message) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

function event(method, session) {
  return new Promise((resolve) => waiters.push({ method, session, resolve }));
}

async function evaluate(session, expression) {
  const result = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, session);
  return result.result.value;
}

async function newPage() {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Page.enable", {}, sessionId);
  return { sessionId, targetId };
}

async function load(session, page) {
  const loaded = event("Page.loadEventFired", session);
  await send("Page.navigate", { url: "file://" + path.resolve(site, page) }, session);
  await loaded;
  return evaluate(session, "performance.getEntriesByType('navigation')[0].loadEventStart");
}

const TYPE_AND_WAIT = (text) => `new Promise((resolve) => {
  const input = document.getElementById("search-input");
  const results = document.getElementById("search-results");
  const shardsLoaded = () => document.querySelectorAll('script[src*="search/"]').length;
  const before = shardsLoaded();
  const start = performance.now();
  const seen = new MutationObserver(() => {
    if (results.querySelector("a")) {
      seen.disconnect();
      const shards = shardsLoaded() - before;
      resolve([performance.now() - start, shards, results.querySelectorAll("a").length]);
    }
  });
  seen.observe(results, { childList: true });
  input.value = ${JSON.stringify(text)};
  input.dispatchEvent(new Event("input"));
})`;

async function main() {
  await send("Target.setDiscoverTargets", { discover: false });
  for (const page of pages) {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const { sessionId, targetId } = await newPage();
      times.push(await load(sessionId, page));
      await send("Target.closeTarget", { targetId });
    }
    console.log(`load ${page} ${Math.min(...times).toFixed(0)} ${times.map((t) => t.toFixed(0)).join(",")}`);
  }
  const { sessionId: session } = await newPage();
  await load(session, "index.html");
  const [ms, shards, shown] = await evaluate(session, TYPE_AND_WAIT(query));
  console.log(`search ${ms.toFixed(0)} ${shards} ${shown}`);
  browser.kill();
  fs.rmSync(profile, { recursive: true, force: true });
}

main().catch((error) => { console.error(error); browser.kill(); process.exit(1); });
