#!/usr/bin/env bash
# The database between nightly runs: delete (takedowns) and compact (shards rewritten and swapped in), with
# queries answering the same before and after, readers never failing during a compaction, and a kill -9 at
# any point of one losing nothing and doubling nothing.
source "$(dirname "$0")/lib.sh"

generate_articles 20000 >night.jsonl
index --shards 2 --db db night.jsonl 2>/dev/null
assert_eq "$(article_count db)" 20000 "indexed"
counts() {
  query --db db entities --format json
  query --db db timeline Gyeongju --by month --format csv
  query --db db graph --format gexf
}
# Search too: its ties are in document order, which compaction keeps.
answers() {
  query --db db search tariffs --limit 50 --format json
  counts
}
counts >before.txt

# delete: by id, by URL in another spelling, from a file; absent ids are noted, the run still succeeds.
printf '%s\n' '{"url":"https://www.example.com/story/9?utm_source=feed","title":"Kept then taken down","text":"Lee Jae-myung met Xi Jinping.","date":"2025-02-01"}' >one.jsonl
index --db db one.jsonl 2>/dev/null
assert_eq "$(article_count db)" 20001 "one more"
printf 'gen-2\n# a comment\n\ngen-3\n' >takedowns.txt
run index delete --db db gen-1 http://example.com/story/9 --ids takedowns.txt no-such-article
assert_eq "$status" 0 "delete"
assert_contains "$err" "deleted 4 articles of 5 ids given (1 not found)"
assert_contains "$err" 'no article "no-such-article"'
assert_eq "$(article_count db)" 19997 "four deleted"
run query --db db article gen-1
assert_eq "$status" 2 "a deleted article is gone"
assert_contains "$err" "no article with id"
run index delete --db db gen-1
assert_eq "$status" 0 "deleting twice is harmless"
assert_contains "$err" "deleted 0 articles"
run index delete --db nowhere.db gen-1
assert_eq "$status" 1 "no database"
run index delete --db db
assert_eq "$status" 2 "no ids"
# Put them back: re-indexing replaces by identity, wherever the shard.
index --db db night.jsonl 2>/dev/null
assert_eq "$(article_count db)" 20000 "back to the night"
counts >after-delete.txt
cmp before.txt after-delete.txt || fail "counts changed after delete and re-index"
answers >before.txt

# compact: the same answers from the compacted shards; re-indexing after it replaces, never duplicates.
run index compact --db db
assert_eq "$status" 0 "compact"
assert_contains "$err" "compacted 2 shards"
grep -q -- '-c' db/XAPIANDB || fail "the stub does not list the compacted shards: $(cat db/XAPIANDB)"
answers >after-compact.txt
cmp before.txt after-compact.txt || fail "answers changed after compaction"
index --db db night.jsonl 2>/dev/null
assert_eq "$(article_count db)" 20000 "re-indexed after compaction: replaced, not doubled"
mkdir db/shard-00.my-backup
run index compact --db db
assert_contains "$err" "removed shard-00" "the old shards go at the next compaction"
[[ -d db/shard-00.my-backup ]] || fail "compaction removed a folder it did not make"
rm -r db/shard-00.my-backup
index --shards 1 --db single.db one.jsonl 2>/dev/null
run index compact --db single.db
assert_eq "$status" 2 "one folder"
assert_contains "$err" "xapian-compact"

# Readers during a compaction: every query succeeds and answers the same.
query --db db search tariffs --limit 50 --format json >search.expected
( for _ in $(seq 40); do
    query --db db search tariffs --limit 50 --format json >reader.out || { echo "failed" >reader.failed; break; }
    cmp -s reader.out search.expected || { echo "answered otherwise" >reader.failed; break; }
  done ) &
reader=$!
for _ in 1 2 3; do index compact --db db 2>/dev/null; done
wait "$reader"
[[ ! -e reader.failed ]] || fail "a query during compaction $(cat reader.failed)"

# kill -9 during compaction, at several points: the database opens, holds every article once, answers the same.
for delay in 0.01 0.03 0.06 0.1 0.15 0.25; do
  "$DATELINE_INDEX" compact --db db 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  assert_eq "$(article_count db)" 20000 "after a kill at ${delay}s"
  answers >after-kill.txt
  cmp before.txt after-kill.txt || fail "answers changed after a kill at ${delay}s"
done
run index compact --db db
assert_eq "$status" 0 "a compaction after the kills cleans up"
assert_eq "$(ls -d db/shard-* | wc -l)" 4 "two shards and the two kept from before: $(ls db)"
# Partitions: an import that seals every 1,500 articles, killed at several points (during sealings among them),
# leaves a database that opens and holds each article at most once; the same import again completes it, with the
# answers of one unpartitioned database. Readers during the sealings never fail.
generate_articles 12000 >import.jsonl
index --db whole.db --shards 2 --partition-size 0 import.jsonl 2>/dev/null
partition_answers() {
  query --db "$1" entities --format json
  query --db "$1" timeline Gyeongju --by month --format csv
  query --db "$1" graph --format json
}
partition_answers whole.db >whole.txt
for delay in 0.3 0.6 0.9 1.2 1.6 2.2; do
  rm -rf parts.db
  "$DATELINE_INDEX" --db parts.db --shards 2 --partition-size 1500 import.jsonl 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ -f parts.db/XAPIANDB ]] || continue # killed before the database existed
  found=$(article_count parts.db)
  ((found <= 12000)) || fail "after a kill at ${delay}s: $found articles, more than were indexed"
  index --db parts.db import.jsonl 2>/dev/null
  assert_eq "$(article_count parts.db)" 12000 "completed after a kill at ${delay}s"
  partition_answers parts.db >parts.txt
  cmp whole.txt parts.txt || fail "answers differ from one database after a kill at ${delay}s"
done
# The setting is committed before any article: a run killed before its first batch (here: waiting on its
# input) leaves it for the run that completes the import.
rm -rf parts.db
mkfifo feed.jsonl
exec 3<>feed.jsonl # held open: the indexer waits on it for articles that never come
"$DATELINE_INDEX" --db parts.db --shards 2 --partition-size 1500 feed.jsonl 2>/dev/null &
indexer=$!
for _ in $(seq 300); do
  [[ -f parts.db/XAPIANDB ]] && query --db parts.db stats --format json >/dev/null 2>&1 && break
  sleep 0.1
done
sleep 1 # the setting's commit follows the shards' creation
kill -9 "$indexer"
wait "$indexer" 2>/dev/null || true
exec 3>&-
index --db parts.db import.jsonl 2>/dev/null
grep -q '^auto part-' parts.db/XAPIANDB || fail "no sealed partition: $(cat parts.db/XAPIANDB)"
rm -rf parts.db
"$DATELINE_INDEX" --db parts.db --shards 2 --partition-size 1000 import.jsonl 2>/dev/null &
indexer=$!
wait_for_articles parts.db 1
while kill -0 "$indexer" 2>/dev/null; do
  query --db parts.db stats --format json >/dev/null || fail "a query during sealing failed"
done
wait "$indexer"
assert_eq "$(article_count parts.db)" 12000 "every article after sealings"

# --report: a JSON summary for cron, written for a good run, a run with bad records and a failed one.
printf '%s\n' '{"id":"r1","title":"ok","text":"Xi Jinping spoke.","date":"2025-11-05"}' 'not json' \
  '{"id":"r3","title":"no date","text":"Text.","date":"yesterday-ish"}' >bad.jsonl
run index --db db --report run.json bad.jsonl
assert_eq "$status" 1 "a record skipped"
assert_eq "$(jq -r .exit_status run.json)" 1 "report: exit status"
assert_eq "$(jq -r .articles.added run.json)" 2 "report: added"
assert_eq "$(jq -r .articles.skipped run.json)" 1 "report: skipped"
assert_eq "$(jq -r '.problems[0] | "\(.file):\(.line) \(.skipped)"' run.json)" "bad.jsonl:2 true" "report: where"
assert_contains "$(jq -r '.problems[1].message' run.json)" "unreadable date"
assert_eq "$(jq -r '.articles.in_database' run.json)" 20002 "report: database size"
assert_eq "$(jq -r '[.shards[].added] | add' run.json)" 2 "report: shards touched"
assert_eq "$(jq -r .error run.json)" null "report: no error"
run index --db /proc/nowhere/db --report failed.json bad.jsonl
assert_eq "$status" 1 "a failed run"
assert_contains "$(jq -r .error failed.json)" "cannot create database folder"
echo "operations: ok"
