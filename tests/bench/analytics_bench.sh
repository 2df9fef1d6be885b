#!/usr/bin/env bash
# Analytics benchmark: timeline and ego graph of the most frequent entity, and a search, on a generated corpus
# (Reuters sentences recombined, dates shifted), next to SQLite doing the same aggregation over an
# articles-mentions table built from Dateline's own tags, with indexes, in the same run.
# ARTICLES (default 100000; "reuters" for Reuters-21578 itself) and RUNS (default 5) are read from the environment. Needs ../shared/data/reuters21578.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data="${DATELINE_SHARED_DATA:-$root/../shared/data}/reuters21578"
articles="${ARTICLES:-100000}"
runs="${RUNS:-5}"
if [[ ! -d $data ]]; then
  echo "analytics_bench: skipped: $data not found" >&2
  exit 0
fi
index="$root/build/indexer/dateline-index"
query="$root/build/query/dateline-query"
work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-analytics-XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$root/tests/bench/reuters_to_jsonl.py" "$data" "$work/reuters.jsonl" 2>/dev/null
description="Generated corpus: $articles articles (Reuters sentences recombined, dates 2020-2026)"
if [[ $articles == reuters ]]; then
  cp "$work/reuters.jsonl" "$work/corpus.jsonl" # Reuters-21578 itself
  articles=$(grep -c . "$work/corpus.jsonl")
  description="Reuters-21578 itself: $articles stories"
else
  python3 "$root/tests/bench/generate_corpus.py" "$work/reuters.jsonl" "$articles" "$work/corpus.jsonl"
fi
/usr/bin/time -f "%e %M" -o "$work/index.time" "$index" --db "$work/db" --batch 10000 "$work/corpus.jsonl" 2>/dev/null
read -r index_seconds index_kb < "$work/index.time"

# The peer's data: Dateline's own tags, loaded into SQLite with indexes.
"$index" tag --articles "$work/corpus.jsonl" > "$work/tags.jsonl"
python3 - "$work/corpus.jsonl" "$work/tags.jsonl" "$work/peer.sqlite" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[3])
db.executescript("""
  CREATE TABLE articles (id TEXT PRIMARY KEY, date TEXT);
  CREATE TABLE mentions (article_id TEXT, entity TEXT, mentions INTEGER);""")
with open(sys.argv[1]) as corpus:
    db.executemany("INSERT INTO articles VALUES (?, ?)", ((r["id"], r["date"]) for r in map(json.loads, corpus)))
with open(sys.argv[2]) as tags:
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?)",
                   ((t["id"], e["type"] + ":" + e["id"], e["mentions"]) for t in map(json.loads, tags) for e in t["entities"]))
db.executescript("""
  CREATE INDEX mentions_entity ON mentions (entity, article_id);
  CREATE INDEX mentions_article ON mentions (article_id, entity);
  ANALYZE;""")
db.commit()
PY

top=$("$query" --db "$work/db" entities --limit 1 --format json | jq -r '.[0] | .type + ":" + .id')
top_name=$("$query" --db "$work/db" entities --limit 1 --format json | jq -r '.[0].name')
timeline_sql="SELECT substr(a.date, 1, 7), count(*), sum(m.mentions) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity = '$top' GROUP BY 1 ORDER BY 1;"
ego_sql="SELECT m2.entity, count(*) FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity <> m1.entity WHERE m1.entity = '$top' GROUP BY m2.entity ORDER BY 2 DESC;"

# Median wall time of RUNS runs of a command, in milliseconds.
median_ms() {
  python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(times):.0f}")
PY
}
t_dl=$(median_ms "$query" --db "$work/db" timeline "$top_name" --by month --format csv)
t_sql=$(median_ms sqlite3 "$work/peer.sqlite" "$timeline_sql")
g_dl=$(median_ms "$query" --db "$work/db" graph "$top_name" --format csv)
g_sql=$(median_ms sqlite3 "$work/peer.sqlite" "$ego_sql")
s_dl=$(median_ms "$query" --db "$work/db" search "oil prices" --limit 10 --format json)

echo "$description; most frequent entity: $top_name ($top)."
echo "Indexing it: $(python3 -c "print(f'{$articles / $index_seconds:.0f}')") articles/s, peak RSS $((index_kb / 1024)) MB, database $(du -sm "$work/db" | cut -f1) MB."
echo
echo "| query (median of $runs, whole command including process start) | dateline-query (ms) | SQLite 3 (ms) | ratio SQLite / Dateline |"
echo "|---|---|---|---|"
echo "| timeline by month of the most frequent entity | $t_dl | $t_sql | $(python3 -c "print(f'{$t_sql / max($t_dl, 1):.1f}x')") |"
echo "| ego graph of the most frequent entity (Dateline also counts the edges among neighbours) | $g_dl | $g_sql | $(python3 -c "print(f'{$g_sql / max($g_dl, 1):.1f}x')") |"
echo "| search, 10 hits with snippets | $s_dl | | |"
