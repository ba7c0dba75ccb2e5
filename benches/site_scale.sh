#!/usr/bin/env bash
# How the site reads at 10,000 incidents (issue "the site stays quick to open").
#   bash benches/site_scale.sh        (WORK=/path keeps the corpus; N=10000; QUERY=certificate)
# Builds the generated corpus, then for every kind of page reports its largest
# file and the time to the load event in headless Chromium (best of three,
# from file://), and the first search: from typing into the box to the first
# result on screen, shards included. Prints the targets beside the figures.
# Not a test: timings vary by machine.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
WORK=${WORK:-$(mktemp -d)}
QUERY=${QUERY:-certificate}
SITE="$WORK/site-$N"
BIN=${CARGO_TARGET_DIR:-target}/release
ROOTLINE=$BIN/rootline

command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
command -v node >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs >/dev/null; }
cargo build --release --quiet --bin rootline --example gen-corpus
[ -d "$WORK/corpus-$N" ] || $BIN/examples/gen-corpus "$WORK/corpus-$N" "$N" 42
rm -rf "$SITE"
# --config /dev/null: the generated corpus is no one's repository (the project's
# rootline.toml lists the examples' categories).
$ROOTLINE --config /dev/null build --incidents "$WORK/corpus-$N" --out "$SITE" --as-of 2026-11-28 --quiet

# The largest file matching a pattern whose `*` stays within one folder, relative to the site.
largest() {
  local re=${1//./\\.}
  re=${re//\*/[^/]*}
  (cd "$SITE" && find . -regex "\./$re" -type f -printf '%s %P\n' | sort -n | tail -1)
}

declare -A KIND=(
  [front page]="index.html"
  [later index page]="page/*.html"
  [sort order]="by-*.html"
  [later sort page]="by-*/*.html"
  [severity]="severity/*.html"
  [later severity page]="severity/*/*.html"
  [category]="categories/*.html"
  [tag]="tags/*.html"
  [vendor]="vendors/*.html"
  [later category page]="categories/*/*.html"
  [later tag page]="tags/*/*.html"
  [later vendor page]="vendors/*/*.html"
  [report]="report/index.html"
  [incident]="incidents/*/index.html"
  [404]="404.html"
)
declare -A FILE SIZE
pages=()
for kind in "${!KIND[@]}"; do
  read -r "SIZE[$kind]" "FILE[$kind]" < <(largest "${KIND[$kind]}")
  pages+=("${FILE[$kind]}")
done
node benches/tools/page_load.js "$SITE" "$QUERY" "${pages[@]}" > "$WORK/loads.txt"
declare -A LOAD
while read -r what page ms _; do [ "$what" = load ] && LOAD[$page]=$ms; done < "$WORK/loads.txt"
read -r _ SEARCH_MS SEARCH_SHARDS SEARCH_SHOWN < <(grep '^search' "$WORK/loads.txt")

printf '\n| page | largest file | size | load event |\n|---|---|---|---|\n'
worst_html=0 worst_load=0
for kind in $(printf '%s\n' "${!KIND[@]}" | sort | tr ' ' '~'); do
  kind=${kind//\~/ }
  size=${SIZE[$kind]} page=${FILE[$kind]} ms=${LOAD[${FILE[$kind]}]}
  printf '| %s | `%s` | %s KB | %s ms |\n' "$kind" "$page" $((size / 1024)) "$ms"
  ((size > worst_html)) && worst_html=$size
  ((ms > worst_load)) && worst_load=$ms
done
for other in feed.xml search.js incidents.json incidents.csv; do
  printf '| %s | `%s` | %s KB | |\n' "$other" "$other" $(($(stat -c %s "$SITE/$other") / 1024))
done
read -r shard_size shard < <(largest "search/*.js")
printf '| largest search shard | `%s` | %s KB | |\n' "$shard" $((shard_size / 1024))
feed=$(stat -c %s "$SITE/feed.xml")
printf '\n| target at %s incidents | measured | met |\n|---|---|---|\n' "$N"
met() { if [ "$1" -le "$2" ]; then echo yes; else echo '**no**'; fi; }
printf '| no HTML page over 500 KB | %s KB | %s |\n' $((worst_html / 1024)) "$(met "$worst_html" 512000)"
printf '| every load event under 500 ms | %s ms (slowest) | %s |\n' "$worst_load" "$(met "$worst_load" 499)"
printf '| first search result within 200 ms of first use (`%s`, %s shards, %s shown) | %s ms | %s |\n' \
  "$QUERY" "$SEARCH_SHARDS" "$SEARCH_SHOWN" "$SEARCH_MS" "$(met "$SEARCH_MS" 199)"
printf '| feed under 200 KB | %s KB | %s |\n' $((feed / 1024)) "$(met "$feed" 204799)"
echo "corpus kept in $WORK"
