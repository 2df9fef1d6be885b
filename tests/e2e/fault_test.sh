#!/usr/bin/env bash
# The fault suite: kill -9 at several points of a run, then re-run (count equals the unique ids, no duplicate,
# xapian-check clean on every shard); a full disk (a small tmpfs where the test may mount one, else ulimit -f);
# queries in a loop while the indexer commits, with zero errors. (A silent remote shard timing out per
# DATELINE_REMOTE_TIMEOUT, for tcp:// and stub lines alike, is in analytics_test.sh.)
source "$(dirname "$0")/lib.sh"

total=40000
generate_articles "$total" >big.jsonl
# Some articles again under the same ids: a re-run must replace them, never add them.
generate_articles 500 >>big.jsonl

check_shards() {
  local db=$1
  for shard in "$db"/shard-*; do
    xapian-check "$shard" >check.out 2>&1 || fail "xapian-check $shard: $(tail -3 check.out)"
  done
}

echo "kill -9 at several points, then a re-run: every id once, every shard clean"
killed=0
for point in 300 4000 12000 25000; do
  db="killed-$point.db"
  "$DATELINE_INDEX" --db "$db" --shards 2 --batch 300 big.jsonl 2>/dev/null &
  pid=$!
  wait_for_articles "$db" "$point"
  # Commits come at most once a second: on a fast machine the run may end before the last point.
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null || true
  check_shards "$db"
  for _ in $(seq 50); do
    run index --db "$db" --batch 5000 big.jsonl
    [[ $status -eq 1 && $err == *"locked by another indexer"* ]] || break
    sleep 0.1
  done
  assert_eq "$status" 0 "re-run after a kill at $point"
  assert_eq "$(article_count "$db")" "$total" "articles after a kill at $point and a re-run"
  assert_eq "$(query --db "$db" export articles | jq -r .id | sort | uniq -d | wc -l)" 0 "duplicates after $point"
  check_shards "$db"
done
(( killed >= 3 )) || fail "only $killed of 4 runs were still running when killed"

echo "a full disk: a message, and a database that opens with its last commit"
# The disk fills at a different point of Xapian's write path at each size (a flush, a commit, the value
# streams a commit merges from a destructor): every one must end with the message and status 1, not a crash.
full_disk_run() {
  local size=$1 db="small-$1/full.db"
  mkdir "small-$size"
  if mount -t tmpfs -o "size=$size" tmpfs "small-$size" 2>/dev/null; then
    run index --db "$db" --shards 1 --batch 200 big.jsonl
    full_status=$status
    committed=$(article_count "$db") || { umount "small-$size"; fail "the database does not open after a full disk"; }
    umount "small-$size"
    where="tmpfs of $size"
  else
    run bash -c "ulimit -f $((${size%k} / 4)); exec \"$DATELINE_INDEX\" --db $db --shards 1 --batch 200 big.jsonl"
    full_status=$status
    committed=$(article_count "$db") || fail "the database does not open past ulimit -f"
    where="ulimit -f (no tmpfs may be mounted here)"
  fi
  [[ $full_status -eq 1 ]] || fail "a full disk ($where) ended with status $full_status: $(tail -5 <<<"$err")"
  assert_contains "$err" "the last commit holds every article before it" "a message that says what is kept"
  (( committed % 200 == 0 )) || fail "a partial batch is visible after a full disk: $committed"
  echo "  ($where: stopped with $committed articles committed)"
}
for size in 1024k 240k 600k; do
  full_disk_run "$size"
done

echo "queries in a loop while the indexer commits every 100 articles: no error"
"$DATELINE_INDEX" --db busy.db --batch 100 big.jsonl 2>/dev/null &
indexer=$!
wait_for_articles busy.db 100
errors=0 runs=0
while kill -0 "$indexer" 2>/dev/null; do
  for command in "entities --limit 5" "timeline gen-1 --by month" "graph --top 5" "met" "export timelines" \
    "export articles --limit 50" "search trade --limit 3" "stats"; do
    # shellcheck disable=SC2086
    if ! query --db busy.db $command >/dev/null 2>>query-errors.txt; then
      errors=$((errors + 1))
    fi
    runs=$((runs + 1))
  done
done
wait "$indexer"
grep -v "no such entity" query-errors.txt >real-errors.txt || true
[[ ! -s real-errors.txt ]] || fail "queries failed during indexing: $(sort real-errors.txt | uniq -c | head -5)"
echo "  ($runs queries while indexing, none failed)"
echo "fault ok"
