(function () {
  var build = null, version = 0;
  function banner(text) {
    var box = document.getElementById("rootline-errors");
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "rootline-errors";
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;margin:0;padding:1em;background:#2b0b0b;color:#ffd7d7;font:13px/1.4 monospace;z-index:9999;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = text;
  }
  function poll() {
    fetch("/__rootline/status?after=" + version, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (build !== null && s.build !== build) { location.reload(); return; }
      build = s.build;
      version = s.version;
      banner(s.errors);
      poll();
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
