#!/usr/bin/env bash
# Answers snapshot: indexes Reuters-21578 with the current build and writes what researchers read from it -
# entities, timelines, the co-mention graph in every format, who met whom and the coded events - into OUT_DIR, so
# that two commits (a refactoring, a speed-up) can be compared byte for byte:
#   tests/bench/answers_snapshot.sh /tmp/before   # at the old commit
#   tests/bench/answers_snapshot.sh /tmp/after    # at the new one
#   diff -r /tmp/before /tmp/after && echo same answers
# Needs ../shared/data/reuters21578 (skips without it) and a release build in build/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data="${DATELINE_SHARED_DATA:-$root/../shared/data}/reuters21578"
out="${1:?usage: answers_snapshot.sh OUT_DIR}"
if [[ ! -d $data ]]; then
  echo "answers_snapshot: skipped: $data not found (Reuters-21578 lives in ../shared/data next to the checkout)" >&2
  exit 0
fi
# INDEX and QUERY name other builds of the programs (an A/B of two indexers against one query tool).
index="${INDEX:-$root/build/indexer/dateline-index}" query="${QUERY:-$root/build/query/dateline-query}"
work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-answers-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

python3 "$root/tests/bench/reuters_to_jsonl.py" "$data" "$work/reuters.jsonl" "$work/reuters.si"
"$index" --db "$work/db" "$work/reuters.jsonl" 2>"$out/index.log"
# The summary line carries timings; keep only what the run counted.
grep -v -E "seconds|/s|elapsed" "$out/index.log" | sed "s|$work/||g" >"$out/index.counts" || true
rm "$out/index.log"

q() { "$query" --db "$work/db" "$@"; }
q stats --format json | grep -v -E "last_update|size_bytes|$work" >"$out/stats.json"
q entities --limit 500 --format json >"$out/entities.json"
q entities --type person --limit 200 --format csv >"$out/entities-person.csv"
q timeline --by month --format json "United States" Japan OPEC >"$out/timeline-month.json"
q timeline --by day --format csv "Ronald Reagan" >"$out/timeline-reagan.csv"
for format in json csv graphml gexf dot; do
  q graph --format "$format" >"$out/graph.$format"
done
q graph Japan --format json >"$out/graph-japan.json"
q met --format json >"$out/met.json"
q met --format csv >"$out/met.csv"
q events --format json >"$out/events.json"
q search 'oil AND prices' --limit 50 --format json >"$out/search.json"
echo "answers_snapshot: $(ls "$out" | wc -l) answers in $out" >&2
