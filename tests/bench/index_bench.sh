#!/usr/bin/env bash
# Indexing benchmark: dateline-index against Xapian's scriptindex (xapian-omega) on Reuters-21578, same fields
# (unique id, title with prefix S and unprefixed, text with positions, date as value and D/M/Y terms), same run.
# Prints a Markdown table of medians over RUNS runs (default 3): articles/s and CPU seconds (user + system) per
# 1,000 articles for each indexer, then each round's ratios against scriptindex's run of the same round (steadier
# on a host whose speed drifts). BUSY=1 keeps one core busy with another job (`yes > /dev/null`) during every
# timed run, as on a machine the nightly job shares. Needs ../shared/data/reuters21578.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data="${DATELINE_SHARED_DATA:-$root/../shared/data}/reuters21578"
runs="${RUNS:-3}"
busy="${BUSY:-0}"
if [[ ! -d $data ]]; then
  echo "index_bench: skipped: $data not found (Reuters-21578 lives in ../shared/data next to the checkout)" >&2
  exit 0
fi
index="$root/build/indexer/dateline-index"
work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$root/tests/bench/reuters_to_jsonl.py" "$data" "$work/reuters.jsonl" "$work/reuters.si"
cat > "$work/fts5.py" <<'PY'
# SQLite FTS5 with the porter tokenizer over the same fields: what many researchers reach for.
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, text, date UNINDEXED, tokenize='porter')")
with open(sys.argv[1], encoding="utf-8") as lines:
    db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?)",
                   ((r["id"], r["title"], r["text"], r["date"]) for r in map(json.loads, lines)))
db.commit()
PY
stories=$(grep -c . "$work/reuters.jsonl")
bytes=$(stat -c %s "$work/reuters.jsonl")

# One timed run: prints "seconds peak_kb db_bytes user_seconds system_seconds".
timed() {
  local db=$1 hog=""; shift
  rm -rf "$db"
  if ((busy)); then
    yes >/dev/null &
    hog=$!
  fi
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  [[ -z $hog ]] || kill "$hog"
  read -r seconds rss user system <"$work/time"
  echo "$seconds $rss $(du -sb "$db" | cut -f1) $user $system"
}

: > "$work/results"
for run in $(seq "$runs"); do
  echo "scriptindex $(timed "$work/si.db" scriptindex "$work/si.db" "$root/tests/bench/scriptindex.index" "$work/reuters.si")" >> "$work/results"
  echo "dateline $(timed "$work/dl.db" "$index" --db "$work/dl.db" "$work/reuters.jsonl")" >> "$work/results"
  echo "dateline_1shard $(timed "$work/dl1.db" "$index" --shards 1 --db "$work/dl1.db" "$work/reuters.jsonl")" >> "$work/results"
  echo "dateline_rules $(timed "$work/dlr.db" "$index" --no-model --db "$work/dlr.db" "$work/reuters.jsonl")" >> "$work/results"
  echo "fts5 $(timed "$work/fts5.sqlite" python3 "$work/fts5.py" "$work/reuters.jsonl" "$work/fts5.sqlite")" >> "$work/results"
  echo "index_bench: run $run of $runs done" >&2
done

cpu_model=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
python3 - "$work/results" "$stories" "$bytes" "$(nproc)" "$cpu_model" "$busy" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
stories, mb, cores, cpu, busy = int(sys.argv[2]), int(sys.argv[3]) / 1e6, sys.argv[4], sys.argv[5], sys.argv[6] == "1"
def figures(tool):
    def med(column):
        return statistics.median(float(r[column]) for r in rows if r[0] == tool)
    cpu = statistics.median(float(r[4]) + float(r[5]) for r in rows if r[0] == tool)
    return {"s": med(1), "rss": med(2), "size": med(3), "cpu": cpu}
peer, fts5, ours = figures("scriptindex"), figures("fts5"), figures("dateline")
rules, single = figures("dateline_rules"), figures("dateline_1shard")
print(f"Reuters-21578: {stories} stories, {mb:.1f} MB of JSON Lines; medians of {len(rows)//5} runs on {cores} cores "
      f"({cpu}){', one of them busy with another job (yes > /dev/null)' if busy else ', alone on the machine'}. "
      "dateline-index writes its default number of shards (one per core) unless --shards 1 is shown. CPU is user + "
      "system seconds.\n")
print("| indexer | articles/s | CPU s per 1,000 articles | MB/s | peak RSS (MB) | database (MB) |")
print("|---|---|---|---|---|---|")
for name, r in (("scriptindex (xapian-omega)", peer), ("SQLite FTS5, porter tokenizer (same text, no entities)", fts5),
                ("dateline-index --no-model (knowledge base + rules)", rules),
                ("dateline-index --shards 1 (knowledge base + name model + rules, one writer thread)", single),
                ("dateline-index (knowledge base + name model + rules)", ours)):
    print(f"| {name} | {stories / r['s']:.0f} | {1000 * r['cpu'] / stories:.3f} | {mb / r['s']:.2f} | "
          f"{r['rss'] / 1024:.0f} | {r['size'] / 1e6:.0f} |")
for name, r in (("--no-model", rules), ("--shards 1", single), ("with the name model", ours)):
    print(f"| **ratio dateline {name} / scriptindex** | **{peer['s'] / r['s']:.2f}×** | {r['cpu'] / peer['cpu']:.2f}× "
          f"the CPU | **{peer['s'] / r['s']:.2f}×** | {r['rss'] / peer['rss']:.2f}× | {r['size'] / peer['size']:.2f}× |")
# Each round's ratio against the scriptindex run of the same round: a host whose speed drifts between rounds moves both
# sides of one round alike, so the median of these is steadier than the ratio of the medians above.
def per_run(tool, column):
    def value(r):
        return float(r[4]) + float(r[5]) if column == "cpu" else float(r[1])
    peers = [value(r) for r in rows if r[0] == "scriptindex"]
    ours_ = [value(r) for r in rows if r[0] == tool]
    return [o / p if column == "cpu" else p / o for p, o in zip(peers, ours_)]
print("\nPer round, against the scriptindex run of the same round (median, range):")
for name, tool in (("--no-model", "dateline_rules"), ("with the name model", "dateline")):
    speed, cpu_ratio = per_run(tool, "s"), per_run(tool, "cpu")
    print(f"- dateline {name}: {statistics.median(speed):.2f}× the articles/s ({min(speed):.2f}-{max(speed):.2f}), "
          f"{statistics.median(cpu_ratio):.2f}× the CPU ({min(cpu_ratio):.2f}-{max(cpu_ratio):.2f})")
PY
