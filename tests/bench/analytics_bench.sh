#!/usr/bin/env bash
# Query benchmark: p50/p95 latency of search, entities, timeline, ego graph and met (tests/bench/query_latency.py) on
# a generated corpus (Reuters sentences recombined, dates shifted), next to SQLite answering the same questions over
# an articles-mentions table built from Dateline's own tags, with indexes, and an FTS5 table, in the same run.
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
/usr/bin/time -f "%e %M" -o "$work/index.time" "$index" --db "$work/db" "$work/corpus.jsonl" 2>/dev/null
read -r index_seconds index_kb < "$work/index.time"
# The same engine without entities, on the same corpus: the scale curve's peer.
python3 "$root/tests/bench/jsonl_to_scriptindex.py" "$work/corpus.jsonl" "$work/corpus.si"
/usr/bin/time -f "%e %M" -o "$work/peer.time" scriptindex "$work/si.db" "$root/tests/bench/scriptindex.index" \
  "$work/corpus.si" >/dev/null
read -r peer_seconds peer_kb < "$work/peer.time"
peer_mb=$(du -sm "$work/si.db" | cut -f1)
rm -rf "$work/si.db" "$work/corpus.si"

# The peer's data: Dateline's own tags, loaded into SQLite with indexes.
"$index" tag --articles "$work/corpus.jsonl" > "$work/tags.jsonl"
python3 - "$work/corpus.jsonl" "$work/tags.jsonl" "$work/peer.sqlite" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[3])
db.executescript("""
  CREATE TABLE articles (id TEXT PRIMARY KEY, date TEXT);
  CREATE TABLE mentions (article_id TEXT, entity TEXT, mentions INTEGER);
  CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, text, tokenize='porter');""")
with open(sys.argv[1]) as corpus:
    db.executemany("INSERT INTO articles VALUES (?, ?)", ((r["id"], r["date"]) for r in map(json.loads, corpus)))
with open(sys.argv[1]) as corpus:
    db.executemany("INSERT INTO fts VALUES (?, ?, ?)",
                   ((r["id"], r.get("title", ""), r.get("text", "")) for r in map(json.loads, corpus)))
with open(sys.argv[2]) as tags:
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?)",
                   ((t["id"], e["type"] + ":" + e["id"], e["mentions"]) for t in map(json.loads, tags) for e in t["entities"]))
db.executescript("""
  CREATE INDEX mentions_entity ON mentions (entity, article_id);
  CREATE INDEX mentions_article ON mentions (article_id, entity);
  ANALYZE;""")
db.commit()
PY

echo "$description."
echo "Indexing it: $(python3 -c "print(f'{$articles / $index_seconds:.0f}')") articles/s, peak RSS $((index_kb / 1024)) MB, database $(du -sm "$work/db" | cut -f1) MB;"
echo "scriptindex on the same corpus and fields: $(python3 -c "print(f'{$articles / $peer_seconds:.0f}')") articles/s, peak RSS $((peer_kb / 1024)) MB, database $peer_mb MB;"
echo "**ratio dateline-index / scriptindex: $(python3 -c "print(f'{$peer_seconds / $index_seconds:.2f}')")× articles/s**, $(python3 -c "print(f'{$index_kb / $peer_kb:.2f}')")× peak RSS (one run each)."
echo
python3 "$root/tests/bench/query_latency.py" "$query" "$work/db" "$work/peer.sqlite" "$runs"
