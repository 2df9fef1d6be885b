#!/usr/bin/env bash
# Queries over partitions on other hosts: one generated archive (ARTICLES, default 100000) in four shard folders,
# queried locally, through 2 stock xapian-tcpsrv servers (two folders each) and through 4 (one each), all on
# loopback, in the same run. Prints a Markdown table of median wall seconds over RUNS (default 5) for a timeline,
# an ego graph and `met` of the most frequent person and country, the whole database's entities, and a search.
# Loopback measures Xapian's remote protocol and our use of it, not a network. Needs ../shared/data/reuters21578
# and xapian-tools.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data="${DATELINE_SHARED_DATA:-$root/../shared/data}/reuters21578"
articles="${ARTICLES:-100000}"
runs="${RUNS:-5}"
if [[ ! -d $data ]]; then
  echo "remote_bench: skipped: $data not found" >&2
  exit 0
fi
index="$root/build/indexer/dateline-index"
query="$root/build/query/dateline-query"
work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-remote-XXXXXX")
cleanup() {
  [[ -f $work/servers ]] && xargs -r kill <"$work/servers" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 "$root/tests/bench/reuters_to_jsonl.py" "$data" "$work/reuters.jsonl" 2>/dev/null
python3 "$root/tests/bench/generate_corpus.py" "$work/reuters.jsonl" "$articles" "$work/corpus.jsonl" 2>/dev/null
"$index" --db "$work/db" --shards 4 --partition-size 0 "$work/corpus.jsonl" 2>/dev/null
"$index" compact --db "$work/db" 2>/dev/null
mapfile -t folders < <(sed -n 's/^auto //p' "$work/db/XAPIANDB")

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Starts xapian-tcpsrv on the given folders; prints its port.
serve() {
  local port
  port=$(free_port)
  # Its output closed, or the $(serve ...) that starts it would wait for it to end.
  (cd "$work/db" && exec setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$@") >/dev/null 2>&1 &
  echo $! >>"$work/servers"
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  echo "$port"
}
p1=$(serve "${folders[0]}" "${folders[1]}")
p2=$(serve "${folders[2]}" "${folders[3]}")
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p1" "$p2" >"$work/two.stub"
: >"$work/four.stub"
for folder in "${folders[@]}"; do
  echo "remote 127.0.0.1:$(serve "$folder")" >>"$work/four.stub"
done

person=$("$query" --db "$work/db" entities --type person --limit 1 --format json | jq -r '.[0].name')
country=$("$query" --db "$work/db" entities --type country --limit 1 --format json | jq -r '.[0].name')
python3 - "$query" "$runs" "$articles" "$person" "$country" "$work/db" "$work/two.stub" "$work/four.stub" <<'PY'
import statistics, subprocess, sys, time
query, runs, articles, person, country = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
layouts = {"local (4 folders)": sys.argv[6], "2 xapian-tcpsrv": sys.argv[7], "4 xapian-tcpsrv": sys.argv[8]}
questions = {
    f"timeline {country} --by month": ["timeline", country, "--by", "month", "--format", "csv"],
    f"timeline {person} --by day": ["timeline", person, "--by", "day", "--format", "csv"],
    f"graph {country} (ego, top 50)": ["graph", country, "--top", "50", "--format", "json"],
    f"met --entity {person}": ["met", "--entity", person, "--format", "json"],
    "entities --limit 50 (whole database)": ["entities", "--limit", "50", "--format", "json"],
    "search oil prices": ["search", "oil prices", "--limit", "20", "--format", "json"],
}
answers, times = {}, {}
for name, db in layouts.items():
    for question, args in questions.items():
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            out = subprocess.run([query, "--db", db, *args], capture_output=True, check=True).stdout
            samples.append(time.perf_counter() - start)
        times[(name, question)] = statistics.median(samples)
        answers.setdefault(question, set()).add(len(out) if question.startswith("search") else out)
print(f"{articles:,} generated articles in four shard folders; median wall seconds of {runs} runs of the "
      "dateline-query command (process start included); servers on loopback.\n")
print("| question | " + " | ".join(layouts) + " | remote / local |")
print("|---|" + "---|" * (len(layouts) + 1))
for question in questions:
    row = [times[(name, question)] for name in layouts]
    print(f"| {question} | " + " | ".join(f"{t:.2f}" for t in row) + f" | {max(row[1:]) / row[0]:.1f}× |")
same = all(len(v) == 1 for q, v in answers.items())
print(f"\nEvery layout gave the same answer to every question: {'yes' if same else 'NO'}.")
PY
