#!/usr/bin/env bash
# Read replicas with Xapian's own replication (xapian-replicate-server on the indexing host, xapian-replicate
# on the replica), on loopback: each shard replicated by name, the stub copied, and the replica answering
# exactly as the master, after the first copy and after a night's changes.
source "$(dirname "$0")/lib.sh"

mkdir master replica
# Changesets let a replica catch up with a night's changes instead of copying the database again.
export XAPIAN_MAX_CHANGESETS=10
generate_articles 3000 >first.jsonl
index --shards 2 --db master/news.db first.jsonl 2>/dev/null

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid xapian-replicate-server --interface 127.0.0.1 --port "$port" master >server.log 2>&1 &
server=$!  # stopped by lib.sh at exit, with every background job
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# One replication round: every shard the master's stub lists, then the stub itself (last: a reader of the
# replica never sees a list naming a shard not yet there).
replicate() {
  mkdir -p replica/news.db
  for shard in $(awk '$1 == "auto" { print $2 }' master/news.db/XAPIANDB); do
    xapian-replicate --host 127.0.0.1 --port "$port" --one-shot --quiet --reader-time 0 --master "news.db/$shard" \
      "replica/news.db/$shard" || fail "replicating $shard"
  done
  cp master/news.db/XAPIANDB replica/news.db/XAPIANDB.new
  mv replica/news.db/XAPIANDB.new replica/news.db/XAPIANDB
}
answers() {
  query --db "$1" stats --format json | jq -c 'del(.databases, .size_bytes, .last_update)'
  query --db "$1" search tariffs --limit 20 --format json
  query --db "$1" timeline Gyeongju --by day --format csv
  query --db "$1" graph --format gexf
}

replicate
assert_eq "$(article_count replica/news.db)" 3000 "first copy"
[[ "$(answers master/news.db)" == "$(answers replica/news.db)" ]] || fail "the replica answers otherwise"

# A night: new articles and re-sent ones, then a deletion; the replica catches up.
generate_articles 4000 | tail -n 1500 >night.jsonl
index --db master/news.db night.jsonl 2>/dev/null
index delete --db master/news.db gen-7 2>/dev/null
replicate
assert_eq "$(article_count replica/news.db)" 3999 "after the night"
[[ "$(answers master/news.db)" == "$(answers replica/news.db)" ]] || fail "the replica answers otherwise after the night"

# After a compaction the master's shards have new folders: the next round copies them and swaps the list.
index compact --db master/news.db 2>/dev/null
replicate
[[ "$(answers master/news.db)" == "$(answers replica/news.db)" ]] || fail "the replica answers otherwise after compaction"
echo "replication: ok"
