#!/usr/bin/env python3
"""Edit-to-browser latency of `rootline serve` on a large corpus (issue: the SRE's toolbox).

usage: serve_latency.py ROOTLINE CORPUS_DIR [ROUNDS]

Starts `rootline serve` on a copy-free corpus folder (the files are edited and
restored), then per round: changes one incident's title on disk, waits on the
status long-poll for the new build, and fetches that incident's page, checking
the new title is in it. Prints the median and worst time from the write to the
page in hand, and the same for the index page (which lists every incident).
Not a test: it times things.
"""
import http.client, json, os, re, statistics, subprocess, sys, threading, time

rootline, corpus = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10

def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body

def status(port, after=None):
    path = "/__rootline/status" + ("" if after is None else f"?after={after}")
    return json.loads(get(port, path)[1])

files = sorted(f for f in os.listdir(corpus) if f.endswith(".yaml"))
started = time.monotonic()
# --config /dev/null: the generated corpus is no one's repository. --page-size all:
# the index lists every incident on one page, the worst case, as before paging,
# so that every edited title is on the index page this measures.
server = subprocess.Popen([rootline, "--config", "/dev/null", "serve", "--page-size", "all",
                           "--incidents", corpus, "--port", "0",
                           "--as-of", "2026-11-28"], stderr=subprocess.PIPE, text=True)
port = None
for line in server.stderr:
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if found:
        port = int(found.group(1))
        break
ready = time.monotonic() - started
log = []
threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
try:
    first = status(port)
    assert first["build"] >= 1 and not first["errors"], first
    page_times, index_times = [], []
    for n in range(rounds):
        name = files[(n * 997) % len(files)]
        path = os.path.join(corpus, name)
        original = open(path, encoding="utf-8").read()
        title = f"Edited title {n} for the latency benchmark"
        edited, count = re.subn(r"(?m)^title: .*$", f"title: {title}", original, count=1)
        assert count == 1, name
        before = status(port)
        t0 = time.monotonic()
        with open(path, "w", encoding="utf-8") as out:
            out.write(edited)
        now = before
        while now["build"] == before["build"]:
            now = status(port, now["version"])
        assert not now["errors"], now["errors"]
        code, page = get(port, f"/incidents/{name[:-5]}/index.html")
        page_times.append(time.monotonic() - t0)
        assert code == 200 and title in page, (code, name)
        t1 = time.monotonic()
        code, index = get(port, "/index.html")
        index_times.append(time.monotonic() - t1 + page_times[-1])
        assert code == 200 and title in index
        with open(path, "w", encoding="utf-8") as out:
            out.write(original)
        while status(port)["build"] == now["build"]:
            time.sleep(0.01)
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms, worst {max(xs) * 1000:.0f} ms"
    print(f"serve start (check {len(files)} files): {ready:.2f} s")
    print(f"edit -> incident page: {ms(page_times)} over {rounds} edits")
    print(f"edit -> index page:    {ms(index_times)}")
    t1 = time.monotonic()
    code, report = get(port, "/report/index.html")
    print(f"report page after an edit: {(time.monotonic() - t1) * 1000:.0f} ms")
    updates = [int(m.group(1)) for m in (re.search(r"updated in (\d+) ms", l) for l in log) if m]
    if updates:
        print(f"server side, per change: median {statistics.median(updates)} ms")
    print(f"RESULT {statistics.median(page_times) * 1000:.0f} {max(page_times) * 1000:.0f} "
          f"{statistics.median(index_times) * 1000:.0f}")
finally:
    server.kill()
    server.wait()
