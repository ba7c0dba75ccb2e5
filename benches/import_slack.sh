#!/usr/bin/env bash
# Benchmark (not a test): `rootline import slack` on a 1 GB workspace export.
#
# Generates a Slack export zip of about 1 GB: users.json, channels.json, one
# channel `incident-big` of 100,000 messages over 60 days (threads, mentions,
# links, reactions, joins, bot posts), and 200 other channels of a year of day
# files each that make up the bulk. Then times importing the big channel,
# keeping every message, with /usr/bin/time -v for wall time and peak memory.
# Target: under 2 s and under 200 MB (docs/performance.md).
#
#   benches/import_slack.sh            # generate in a temporary folder, run, clean up
#   WORK=/tmp/slack-bench benches/import_slack.sh   # keep the zip there, reuse it next time
set -euo pipefail

cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
if [[ -n "${WORK:-}" ]]; then
    work="$WORK"
    mkdir -p "$work"
    rm -rf "$work/incidents"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi

cargo build --release --quiet
rootline="$(cd "$target" && pwd)/release/rootline"
[[ -f "$work/export.zip" ]] || {
echo "generating $work/export.zip ..."
python3 - "$work/export.zip.part" <<'PY'
import json, os, random, sys, zipfile

random.seed(16)
path = sys.argv[1]
users = [{"id": f"U{i:05d}", "name": f"user{i}", "real_name": f"Person {i}",
          "profile": {"real_name": f"Person {i}", "display_name": f"p{i}"}} for i in range(500)]
channels = [{"id": "CBIG00001", "name": "incident-big", "created": 1704067200, "pins": []}]
channels += [{"id": f"C{i:08d}", "name": f"team-{i:03d}", "created": 1672531200} for i in range(200)]
start = 1704067200  # 2024-01-01T00:00:00Z

def message(ts, n):
    user = f"U{random.randrange(500):05d}"
    text = (f"Step {n}: <@U{random.randrange(500):05d}> restarted checkout-api in eu-west-1 "
            f"&amp; error rate is {random.random():.2f}% see <https://grafana.example.com/d/{n}|board {n}> :eyes:")
    m = {"type": "message", "user": user, "text": text, "ts": ts,
         "user_profile": {"real_name": "Person", "display_name": "p"}}
    if n % 10 == 0:
        m["thread_ts"] = ts
        m["reply_count"] = 1
    if n % 10 == 1:
        m["thread_ts"] = f"{int(ts.split('.')[0]) - 1}.000000"
    if n % 7 == 0:
        m["reactions"] = [{"name": "timeline", "users": [user], "count": 1}]
    if n % 50 == 0:
        m = {"type": "message", "subtype": "channel_join", "user": user, "ts": ts,
             "text": f"<@{user}> has joined the channel"}
    if n % 97 == 0:
        m = {"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "PagerDuty",
             "text": "Triggered: checkout-api", "ts": ts}
    return m

with zipfile.ZipFile(path, "w") as z:
    z.writestr("users.json", json.dumps(users, indent=4), zipfile.ZIP_DEFLATED)
    z.writestr("channels.json", json.dumps(channels, indent=4), zipfile.ZIP_DEFLATED)
    per_day = 100_000 // 60 + 1
    n = 0
    for day in range(60):
        messages = []
        for i in range(per_day):
            if n == 100_000:
                break
            second = start + day * 86400 + i * (86400 // per_day)
            messages.append(message(f"{second}.{n % 1000000:06d}", n))
            n += 1
        name = f"incident-big/2024-{1 + day // 31:02d}-{1 + day % 31:02d}.json"
        z.writestr(name, json.dumps(messages, indent=4), zipfile.ZIP_DEFLATED)
    # The other channels are stored as written: random text does not compress,
    # so this is what makes the archive 1 GB, as a large workspace's export is.
    filler = os.urandom(1 << 20).hex()
    size = 0
    for c in range(200):
        for day in range(365):
            offset = random.randrange(len(filler) - 14000)
            body = json.dumps([{"type": "message", "user": "U00001", "ts": f"{1672531200 + day * 86400}.000100",
                                "text": filler[offset:offset + 14000]}])
            z.writestr(f"team-{c:03d}/2023-{1 + day // 31:02d}-{1 + day % 31:02d}.json", body, zipfile.ZIP_STORED)
            size += len(body)
PY
mv "$work/export.zip.part" "$work/export.zip"
}
ls -l "$work/export.zip" | awk '{printf "export.zip: %.2f GB\n", $5 / 1e9}'

cd "$work"
/usr/bin/time -v "$rootline" import slack export.zip \
    --channel incident-big --id 2024-01-01-big --title "Benchmark" 2> time.txt || { cat time.txt; exit 1; }
grep -E "Elapsed \(wall clock\)|Maximum resident set size" time.txt
grep -c "^- at:" incidents/2024-01-01-big.yaml | sed 's/^/events written: /'
