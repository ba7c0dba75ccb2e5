#!/usr/bin/env bash
# Whole-process benchmarks for issue "fast at scale". One command from a clean clone:
#   bash benches/build.sh            (WORK=/path keeps the corpora; N_LARGE=10000 N_SMALL=1000)
# Measures wall time and peak memory (/usr/bin/time -v) of `rootline check` and
# `rootline build` at 1,000 and 10,000 generated incidents, `check` of one incident,
# bare serde_yaml deserialisation of the same files against rootline's reading stage
# (the parser's floor; each side in a fresh process), and Hugo
# building the same 10,000 post-mortems from the Markdown rootline writes,
# and `serve` at 10,000: from an edit on disk to the new page in hand.
# Prints the targets with the measured ratios. Not a test: timings vary by machine.
set -euo pipefail
cd "$(dirname "$0")/.."
N_SMALL=${N_SMALL:-1000}
N_LARGE=${N_LARGE:-10000}
WORK=${WORK:-$(mktemp -d)}
# Where the sites go (rootline's and Hugo's alike). OUT=/dev/shm/rootline-bench
# measures the tools without the disk: on the project VM, creating 40,000 files
# on ext4 costs more system time than rendering them.
OUT=${OUT:-$WORK}
mkdir -p "$OUT"
# The profiling profile: release code with line tables, so `perf` can name what it samples.
ROOTLINE=target/profiling/rootline
# The generated corpora are no one's repository: the project's own rootline.toml
# (found from here, the crate root) lists the examples' categories, not theirs.
NO_SETTINGS="--config /dev/null"
AS_OF=2026-11-28

command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --profile profiling --quiet --bin rootline --example gen-corpus --example yaml-floor

for n in "$N_SMALL" "$N_LARGE"; do
  [ -d "$WORK/corpus-$n" ] || target/profiling/examples/gen-corpus "$WORK/corpus-$n" "$n" 42
done

# Earlier outputs are moved here, not deleted, until the script ends. On ext4,
# creating files just after deleting tens of thousands makes the kernel skip
# every recently deleted inode: a fresh build of 10,000 measured 12-15 s with
# 12-18 s of system time right after `rm -rf`, and 6.9-7.7 s into free space.
# CI builds into a clean clone, so every tool is timed into free space.
ASIDE="$OUT/set-aside" WORK_ASIDE="$WORK/set-aside"
mkdir -p "$ASIDE" "$WORK_ASIDE"
trap 'rm -rf "$ASIDE" "$WORK_ASIDE"' EXIT

# Runs a command 3 times; prints the best wall time (s) and its peak RSS (KB).
# FRESH=DIR moves DIR aside before each run (not timed): a full build, not a rebuild.
# Dirty pages of the previous run are flushed first (sync, not timed) either way.
measure() {
  local best="" rss=""
  for _ in 1 2 3; do
    if [ -n "${FRESH:-}" ] && [ -e "$FRESH" ]; then mv "$FRESH" "$(mktemp -d "$ASIDE/run-XXXXXX")/"; fi
    sync
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>&1 || true
    read -r wall mem < "$WORK/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; rss=$mem; fi
  done
  echo "$best $rss"
}

declare -A T M FLOOR READING RATIO PARSER_ONLY
record() { local key=$1; shift; read -r T[$key] M[$key] < <(measure "$@"); printf '%-28s %8s s %9s KB\n' "$key" "${T[$key]}" "${M[$key]}"; }

for n in "$N_SMALL" "$N_LARGE"; do
  record "check-$n" $ROOTLINE $NO_SETTINGS check "$WORK/corpus-$n" --as-of $AS_OF --format json
  FRESH="$OUT/site-$n" record "build-$n" $ROOTLINE $NO_SETTINGS build --incidents "$WORK/corpus-$n" --out "$OUT/site-$n" --as-of $AS_OF --quiet
  # The build's pages would otherwise be written back to the disk while both sides are timed.
  sync
  read -r FLOOR[$n] READING[$n] RATIO[$n] PARSER_ONLY[$n] < <(target/profiling/examples/yaml-floor "$WORK/corpus-$n" 2>/dev/null)
  printf '%-28s %8s s (rootline reading %s s, ratio %s; keeping no model %s s)\n' "yaml-floor-$n" "${FLOOR[$n]}" "${READING[$n]}" "${RATIO[$n]}" "${PARSER_ONLY[$n]}"
done
# Hugo on the same post-mortems: rootline's Markdown, a minimal layout.
HUGO="$WORK/hugo"
if [ -e "$HUGO" ]; then mv "$HUGO" "$(mktemp -d "$WORK_ASIDE/hugo-XXXXXX")/"; fi
mkdir -p "$HUGO/content/incidents" "$HUGO/layouts/_default"
printf 'baseURL = "http://localhost/"\ntitle = "Post-mortems"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = false\n' > "$HUGO/config.toml"
printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n' > "$HUGO/layouts/_default/single.html"
printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n' > "$HUGO/layouts/_default/list.html"
for md in "$OUT/site-$N_LARGE"/incidents/*/*.md; do
  id=$(basename "$md" .md)
  { printf -- '---\ntitle: "%s"\n---\n' "$id"; cat "$md"; } > "$HUGO/content/incidents/$id.md"
done
FRESH="$OUT/hugo-public" record "hugo-$N_LARGE" hugo --quiet -s "$HUGO" -d "$OUT/hugo-public"

# The floor of writing: rootline's site of the large corpus copied into a fresh
# folder on two cores (cp, no rendering). With the serde_yaml floor it bounds
# any build of this output from below.
copy_site='mkdir -p "$2/incidents" &&
  find "$1" -mindepth 1 -maxdepth 1 ! -name incidents -exec cp -r -t "$2" {} + &&
  find "$1/incidents" -mindepth 1 -maxdepth 1 -print0 | xargs -0 -P2 -n 500 cp -r -t "$2/incidents"'
FRESH="$OUT/site-copy" record "copy-site-$N_LARGE" bash -c "$copy_site" _ "$OUT/site-$N_LARGE" "$OUT/site-copy"

# Rebuilds over the previous output with nothing changed. rootline links
# unchanged files instead of rewriting them and deletes the site it replaced.
record "rebuild-$N_LARGE" $ROOTLINE $NO_SETTINGS build --incidents "$WORK/corpus-$N_LARGE" --out "$OUT/site-$N_LARGE" --as-of $AS_OF --quiet
record "hugo-rebuild-$N_LARGE" hugo --quiet -s "$HUGO" -d "$OUT/hugo-public"

# /usr/bin/time counts in 10 ms steps: time 20 runs and divide.
record "check-one-x20" bash -c "for i in \$(seq 20); do $ROOTLINE check incidents/2018-12-06-o2-data-outage.yaml --as-of $AS_OF >/dev/null; done"

# `serve` on a copy of the large corpus: from writing one file to that page in hand.
rm -rf "$WORK/serve-$N_LARGE" && cp -r "$WORK/corpus-$N_LARGE" "$WORK/serve-$N_LARGE"
python3 benches/serve_latency.py $ROOTLINE "$WORK/serve-$N_LARGE" 10 | tee "$WORK/serve.txt"
read -r _ SERVE_MEDIAN SERVE_WORST _ < <(grep '^RESULT' "$WORK/serve.txt")

python3 - "$N_SMALL" "$N_LARGE" <<PY
import sys
small, large = sys.argv[1], sys.argv[2]
t = {$(for k in "${!T[@]}"; do printf '"%s": %s, ' "$k" "${T[$k]}"; done)}
m = {$(for k in "${!M[@]}"; do printf '"%s": %s, ' "$k" "${M[$k]}"; done)}
rows = [
    ("build %s vs Hugo, same posts" % large, t["build-"+large] / t["hugo-"+large], "<= 0.25"),
    ("build vs check, %s" % large, t["build-"+large] / t["check-"+large], "<= 2"),
    ("rebuild %s, nothing changed, vs Hugo's rebuild" % large, t["rebuild-"+large] / t["hugo-rebuild-"+large], "(context)"),
    ("floor of any build of this site: bare serde_yaml keeping no model + copying its files, vs Hugo", (${PARSER_ONLY[$N_LARGE]} + t["copy-site-"+large]) / t["hugo-"+large], "(context)"),
    ("reading vs bare serde_yaml keeping its models, same run, %s" % large, ${RATIO[$N_LARGE]}, "<= 1.2"),
    ("reading vs bare serde_yaml keeping no model, same run, %s" % large, ${READING[$N_LARGE]} / ${PARSER_ONLY[$N_LARGE]}, "(context)"),
    ("whole check vs bare serde_yaml, %s" % large, t["check-"+large] / ${FLOOR[$N_LARGE]}, "(context)"),
    ("build %s vs build %s" % (large, small), t["build-"+large] / t["build-"+small], "<= 12"),
    ("peak memory, build %s (MB)" % large, m["build-"+large] / 1024, "<= 1000"),
    ("check one incident (ms)", t["check-one-x20"] * 1000 / 20, "<= 50"),
    ("serve %s: edit to page in hand, worst of 10 (ms)" % large, $SERVE_WORST, "<= 300"),
]
print()
print("| what | measured | target |")
print("|---|---|---|")
for what, value, target in rows:
    print(f"| {what} | {value:.2f} | {target} |")
PY
echo "corpora kept in $WORK, sites in $OUT"
