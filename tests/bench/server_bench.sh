#!/usr/bin/env bash
# The HTTP server under load: wrk at 1, 8 and 64 concurrent connections against dateline-query serve, for
# search, timeline and the ego star (an entity's own edges, top 50), next to the command line answering the same
# question once per process; requests/s, p50 and p99, and errors (socket errors and non-2xx answers).
# DB: an existing database (default: a generated corpus of ARTICLES, default 100000, built from Reuters-21578);
# SECONDS_PER_RUN (default 10). Prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
query="$root/build/query/dateline-query"
index="$root/build/indexer/dateline-index"
duration="${SECONDS_PER_RUN:-10}"
work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-server-bench-XXXXXX")
server=""
trap '[[ -n $server ]] && kill -TERM $server 2>/dev/null; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "server_bench: skipped: wrk is not installed (scripts/install-deps --bench)" >&2; exit 0; }

db="${DB:-}"
if [[ -z $db ]]; then
  data="${DATELINE_SHARED_DATA:-$root/../shared/data}/reuters21578"
  [[ -d $data ]] || { echo "server_bench: skipped: no DB given and $data not found" >&2; exit 0; }
  python3 "$root/tests/bench/reuters_to_jsonl.py" "$data" "$work/reuters.jsonl" 2>/dev/null
  python3 "$root/tests/bench/generate_corpus.py" "$work/reuters.jsonl" "${ARTICLES:-100000}" "$work/corpus.jsonl"
  "$index" --db "$work/db" "$work/corpus.jsonl" 2>/dev/null
  db="$work/db"
fi
articles=$("$query" --db "$db" stats --format json | jq .articles)
top=$("$query" --db "$db" entities --type person --limit 1 --format json | jq -r '.[0].id')

"$query" --db "$db" serve --listen 127.0.0.1:0 --quiet --threads 8 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do
  base=$(grep -Eo 'http://127.0.0.1:[0-9]+/' "$work/server.log" | head -1 || true)
  [[ -n $base ]] && base=${base%/} && break
  sleep 0.1
done
[[ -n $base ]] || { echo "server_bench: the server did not start: $(cat "$work/server.log")" >&2; exit 1; }

# Milliseconds per command-line call (process start included), median of 5.
cli_ms() {
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N)
    "$query" --db "$db" "$@" --format json >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000))
  done | sort -n | sed -n 3p | awk '{printf "%.1f", $1 / 1000}'
}

# One wrk run: "requests/s p50 p99 errors".
load() {
  local connections=$1 url=$2 threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency --timeout 30s "$url" >"$work/wrk.out" 2>&1
  local rps p50 p99 errors non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.out")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.out")
  echo "$rps $p50 $p99 $(( ${errors:-0} + ${non2xx:-0} ))"
}

echo "Database: $articles articles; wrk ${duration} s per cell on 2 wrk threads (1 for one connection); server with"
echo "8 worker threads, access log off. CLI: one dateline-query process per call (median of 5), process start included."
echo
echo "| request | CLI per call | 1 client: req/s, p50, p99 | 8 clients | 64 clients | errors |"
echo "|---|---|---|---|---|---|"
declare -A paths=(
  [search]="/api/search?q=oil%20prices&limit=10"
  [timeline]="/api/timeline?name=$top&by=month"
  [ego_star]="/api/graph?name=$top&top=50&format=csv"
)
declare -A commands=(
  [search]="search oil prices --limit 10"
  [timeline]="timeline $top --by month"
  [ego_star]="graph $top --top 50"
)
for name in search timeline ego_star; do
  # shellcheck disable=SC2086
  cli=$(cli_ms ${commands[$name]})
  row="| ${name/_/ } (\`${paths[$name]}\`) | $cli ms"
  total_errors=0
  for connections in 1 8 64; do
    read -r rps p50 p99 errors < <(load "$connections" "$base${paths[$name]}")
    row+=" | $rps, $p50, $p99"
    total_errors=$((total_errors + errors))
  done
  echo "$row | $total_errors |"
done
