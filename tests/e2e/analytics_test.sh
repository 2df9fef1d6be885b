#!/usr/bin/env bash
# Timelines, co-mention graphs, meetings and exports end to end: counts equal a brute-force count, shards (local
# and one served by xapian-tcpsrv) equal one merged database, exports parse in the tools researchers use.
source "$(dirname "$0")/lib.sh"
corpus=$DATELINE_CORPUS

index --db all.db --shards 1 "$corpus" 2>/dev/null

# Brute force, per article: its date (from search) and its entities (from the document, via entities --doc).
query --db all.db search '' --limit 1000 --format json | jq -r '.hits[] | [.id, .date] | @tsv' | sort > dates.tsv
: > article-entities.tsv
while IFS=$'\t' read -r id date; do
  query --db all.db entities --doc "$id" --limit 0 --format json |
    jq -r --arg id "$id" --arg date "$date" '.[] | [$id, $date, .type + ":" + .id, (.mentions | tostring)] | @tsv' >> article-entities.tsv
done < dates.tsv

# --- timeline: articles and mentions per month equal the brute-force sums
brute_timeline() { # entity key, e.g. person:Q15031
  awk -F'\t' -v e="$1" '$3 == e && $2 != "" { m = substr($2, 1, 7); a[m]++; n[m] += $4 } END { for (k in a) print k, a[k], n[k] }' article-entities.tsv | sort
}
for entity in "person:Q15031" "person:lee-jae-myung" "country:KP"; do
  name=${entity#*:}
  actual=$(query --db all.db timeline "$name" --by month --format csv | awk -F, 'NR > 1 && $5 > 0 { print $4, $5, $6 }' | sort)
  assert_eq "$actual" "$(brute_timeline "$entity")" "timeline of $entity"
done
# Zero-filled across the range, several entities side by side.
csv=$(query --db all.db timeline Xi "Kim Jong Un" --from 2025-06 --to 2026-02 --format csv)
assert_eq "$(awk -F, 'NR > 1 { print $1 }' <<<"$csv" | sort | uniq -c | awk '{ print $1 }' | sort -u)" 9 "nine months each"
assert_eq "$(head -n 1 <<<"$csv")" "entity_id,name,type,period,articles,mentions"
json=$(query --db all.db timeline Xi --by week --from 2025-10-27 --to 2025-11-02 --articles --format json)
assert_eq "$(jq -r '.periods | join(",")' <<<"$json")" "2025-W44"
assert_eq "$(jq '.entities[0].timeline[0].articles' <<<"$json")" "$(jq '.entities[0].timeline[0].article_list | length' <<<"$json")" "--articles lists each counted article"
# --with: only articles that also mention the other entity.
with_lee=$(query --db all.db timeline Trump --with "Lee Jae-myung" --by year --format json | jq '[.entities[0].timeline[].articles] | add')
both=$(comm -12 <(awk -F'\t' '$3 == "person:Q22686" && $2 != "" { print $1 }' article-entities.tsv | sort -u) \
                <(awk -F'\t' '$3 == "person:lee-jae-myung" { print $1 }' article-entities.tsv | sort -u) | wc -l)
assert_eq "$with_lee" "$both" "timeline --with"

# --- graph: edge weights equal brute-force pair counts over articles
brute_edges() { # pairs of entities of the given types co-mentioned in an article: "a b count"
  awk -F'\t' -v types="$1" 'BEGIN { split(types, t, ","); for (i in t) want[t[i]] = 1 }
    { split($3, p, ":"); if (p[1] in want) e[$1] = e[$1] " " $3 }
    END { for (d in e) { n = split(substr(e[d], 2), xs, " "); for (i = 1; i <= n; i++) for (j = 1; j <= n; j++)
            if (xs[i] < xs[j]) c[xs[i] " " xs[j]]++ }
          for (k in c) print k, c[k] }' article-entities.tsv | sort
}
actual=$(query --db all.db graph --types person,org --format json |
  jq -r '.links[] | [([.source, .target] | sort | .[]), (.count | tostring)] | join(" ")' | sort)
assert_eq "$actual" "$(brute_edges person,org)" "graph edge weights"
nodes=$(query --db all.db graph --types person --format json | jq -r '.nodes[] | .id + " " + (.articles | tostring)' | sort)
brute_nodes=$(awk -F'\t' '$3 ~ /^person:/ { print $3 }' article-entities.tsv | sort | uniq -c | awk '{ print $2, $1 }' | sort)
assert_eq "$nodes" "$brute_nodes" "graph node article counts"
# Ego graph: every edge touches the center or joins two of its neighbours; --top keeps the center.
ego=$(query --db all.db graph Xi --types person --top 3 --format json)
assert_eq "$(jq '.nodes | length' <<<"$ego")" 3
assert_eq "$(jq -r '.nodes[0].id' <<<"$ego")" "person:Q15031"
# --top counts the center's edges first, then the edges among the neighbours kept: the same as cutting the full graph.
top4=$(query --db all.db graph Xi --top 4 --format json)
kept=$(jq -r '.nodes[].id' <<<"$top4" | sort)
from_full=$(query --db all.db graph Xi --format json | jq -r --argjson kept "$(jq '[.nodes[].id]' <<<"$top4")" \
  '.links[] | select((.source as $s | $kept | index($s)) and (.target as $t | $kept | index($t))) | [.source, .target, .count] | @tsv' | sort)
assert_eq "$(jq -r '.links[] | [.source, .target, .count] | @tsv' <<<"$top4" | sort)" "$from_full" "ego graph --top"
# An ego graph whose center has no article in the range is empty, not an error.
empty_ego=$(query --db all.db graph Xi --top 4 --from 2031-01-01 --format json)
assert_eq "$(jq '[.nodes, .links] | map(length) | add' <<<"$empty_ego")" 0 "ego graph with no article in range"
# Sentence window: never more than the article window.
jq -r '.links[] | .source + " " + .target + " " + (.count | tostring)' <<<"$(query --db all.db graph --window sentence --format json)" | sort > sentence.txt
[[ -s sentence.txt ]] || fail "sentence window found no co-mentions"

# --- exports parse in the tools researchers use
query --db all.db graph --types person,country --format graphml > g.graphml
query --db all.db graph --types person,country --by month --format gexf > g.gexf
query --db all.db graph --types person,country --format dot > g.dot
xmllint --noout g.graphml g.gexf || fail "GraphML/GEXF not well-formed XML"
/usr/bin/python3 - g.graphml g.gexf <<'PY' || fail "networkx could not load the exports"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
h = nx.read_gexf(sys.argv[2])
assert g.number_of_nodes() > 0 and g.number_of_edges() > 0, "empty graphml"
assert h.number_of_nodes() == g.number_of_nodes(), (h.number_of_nodes(), g.number_of_nodes())
assert g.nodes["person:Q15031"]["name"] == "Xi Jinping"
PY
dot -Tsvg g.dot > g.svg || fail "Graphviz could not render the DOT export"
grep -q "<svg" g.svg
csv=$(query --db all.db graph --types person --by month --format csv)
assert_eq "$(head -n 1 <<<"$csv")" "source,target,source_name,target_name,count,npmi,lift,period"

# --- empty results are valid empty outputs
assert_eq "$(query --db all.db graph --query zzzznothing --format json | jq -c '[.nodes, .links]')" "[[],[]]"
assert_eq "$(query --db all.db graph --query zzzznothing --format csv)" "source,target,source_name,target_name,count,npmi,lift"
assert_eq "$(query --db all.db met --query zzzznothing --format json)" "[]"
assert_eq "$(query --db all.db timeline Xi --query zzzznothing --format csv)" "entity_id,name,type,period,articles,mentions"
for command in "timeline" "graph" "met"; do
  run query --db all.db $command "Xi Jinpeng"
  assert_eq "$status" 2 "$command with an unknown entity"
  assert_contains "$err" "no such entity"
done

# --- who met whom
met=$(query --db all.db met "Lee Jae-myung" --with "Xi Jinping" --format json)
assert_eq "$(jq 'length' <<<"$met")" 1
assert_eq "$(jq -r '.[0].source.name + "|" + .[0].target.name' <<<"$met")" "Lee Jae-myung|Xi Jinping"
assert_eq "$(jq -r '.[0].first' <<<"$met")" "2025-06-10"
assert_eq "$(jq -r '[.[0].evidence[] | select(.sentence | test("summit with Chinese President Xi"))] | length' <<<"$met")" 1
# The evidence keys scripts rely on, and those meetings as events add.
assert_eq "$(jq -r '.[0].evidence[0] | [has("article","date","article_date","url","sentence","planned","mode","place","status")] | all' <<<"$met")" "true"
# Trump offered to talk with Kim; Kim did not respond: not a meeting.
assert_eq "$(query --db all.db met Trump --with "Kim Jong Un" --format json)" "[]"
# The Korean and the Chinese story of the Gyeongju summit are read in their languages, with the place and day.
# The headline and the lead are both evidence, each with the meeting's place and day.
assert_eq "$(jq -r '[.[0].evidence[] | select(.article == "dl-2025-1101-ko") | .date + " " + .place.name] | unique | join(";")' <<<"$met")" "2025-11-01 Gyeongju"
assert_eq "$(jq -r '[.[0].evidence[] | select(.sentence | test("会见韩国总统李在明"))] | length' <<<"$met")" 2
# The phone call is a phone call; --mode keeps only those.
assert_eq "$(query --db all.db met "Lee Jae-myung" --with "Xi Jinping" --mode phone --format json | jq -r '[.[0].evidence[].mode] | unique | join(",")')" "phone"
run query --db all.db met --mode telepathy
assert_eq "$status" 2 "an unknown --mode"
assert_contains "$err" "use visit, phone, video, multilateral or third-party"

# --- meetings as events: one record per meeting, JSON Lines, CSV and JSON agree
events=$(query --db all.db events "Xi Jinping" --format jsonl)
assert_eq "$(jq -s 'length' <<<"$events")" "$(query --db all.db events "Xi Jinping" --format json | jq 'length')"
assert_eq "$(( $(query --db all.db events "Xi Jinping" --format csv | wc -l) - 1 ))" "$(jq -s 'length' <<<"$events")"
assert_eq "$(jq -s -r 'map(.type) | unique | join(",")' <<<"$events")" "CONSULT"
assert_eq "$(jq -s -r 'map(select(.participants | map(.name) | index("Xi Jinping") | not)) | length' <<<"$events")" 0
assert_eq "$(jq -s -r 'map(select(.mode == "phone")) | .[0].date' <<<"$events")" "2025-06-10"
# Copies of one story count once: the syndicated copy of the Busan story adds no event.
busan=$(query --db all.db events Trump --format jsonl | jq -s -r 'map(select(.sentence | test("Busan"))) | map(.article) | unique | length')
assert_eq "$busan" 1 "a syndicated copy is read once"
# The meeting graph carries modes and dates on its edges, as GEXF and GraphML that parse.
query --db all.db graph "Xi Jinping" --edges meetings --format gexf > meetings.gexf
xmllint --noout meetings.gexf
assert_contains "$(cat meetings.gexf)" 'attvalue for="mode"'
query --db all.db graph --edges meetings --format graphml > meetings.graphml
python3 -c "import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); e = g.edges['person:lee-jae-myung', 'person:Q15031']; assert e['held'] >= 3 and e['first'] == '2025-06-10', e" meetings.graphml

# --- export timelines: long form, equal to the brute force, streamed to a file
query --db all.db export timelines --type person --out timelines.csv
assert_eq "$(head -n 1 timelines.csv)" "entity_id,name,type,period,articles,mentions"
exported=$(awk -F, -v OFS=' ' '$1 == "Q15031" { print $4, $5, $6 }' timelines.csv | sort)
assert_eq "$exported" "$(brute_timeline person:Q15031)" "export timelines"
assert_eq "$(query --db all.db export timelines --format jsonl | head -n 1 | jq -r 'keys | join(",")')" "articles,entity_id,mentions,name,period,type"

# --- shards: two local databases, and one served by xapian-tcpsrv, answer exactly as the merged one
mkdir part1 part2
cp "$corpus"/wire/2025-06-to-09.jsonl "$corpus"/wire/2025-10-to-11.jsonl part1/
cp -r "$corpus"/wire/2025-12-onward.jsonl "$corpus"/text "$corpus"/feeds "$corpus"/web part2/
index --db s1.db part1 2>/dev/null
index --db s2.db part2 2>/dev/null
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Its own session: on SIGTERM xapian-tcpsrv signals its whole process group, which would include this script.
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" s2.db >tcpsrv.log 2>&1 &
server=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
printf 'auto %s\nremote 127.0.0.1:%s\n' "$work/s1.db" "$port" > shards.stub
answers() {
  query "$@" entities --limit 0 --format json | jq -S 'sort_by(.type, .id)'
  query "$@" timeline Xi "Lee Jae-myung" APEC --format csv
  query "$@" graph --window sentence --format json | jq -S '.links |= sort_by(.source, .target) | .nodes |= sort_by(.id)'
  query "$@" graph Trump --types person --format csv | sort
  query "$@" met --format json | jq -S 'sort_by(.source.id, .target.id) | map(.evidence |= sort_by(.article, .sentence))'
  query "$@" export timelines | sort
}
merged=$(answers --db all.db)
# A sharded database (one writer thread per shard) answers as the single one, and updates in place.
index --db sharded.db --shards 3 "$corpus" 2>/dev/null
assert_eq "$(cat sharded.db/XAPIANDB | grep -c '^auto shard-0[0-2]$')" 3 "three shards listed"
assert_eq "$(answers --db sharded.db)" "$merged" "a database of three shards equals the single one"
run index --db sharded.db "$corpus"
assert_eq "$status" 0 "re-indexing a sharded database"
assert_contains "$err" "0 added"
assert_eq "$(article_count sharded.db)" "$(article_count all.db)" "re-indexing a sharded database adds nothing"
run index --db sharded.db --shards 2 "$corpus"
assert_eq "$status" 2 "--shards differs from the database's"
assert_contains "$err" "already has 3 shards"
# A partitioned database (the current partition sealed every 5 articles, sealed ones merged by compact)
# answers as the single one; re-indexing replaces articles in the sealed partition where they live.
search_ranks() { query "$@" search summit --limit 100 --format json | jq -c '[.hits[] | [.score, .id]] | sort'; }
index --db parts.db --shards 3 --partition-size 5 "$corpus" 2>/dev/null
sealed=$(grep -c '^auto part-' parts.db/XAPIANDB)
((sealed >= 27)) || fail "nine or more sealed partitions of three shards expected: $(cat parts.db/XAPIANDB)"
assert_eq "$(answers --db parts.db)" "$merged" "a partitioned database equals the single one"
assert_eq "$(search_ranks --db parts.db)" "$(search_ranks --db all.db)" "search scores over partitions"
run index --db parts.db "$corpus"
assert_eq "$status" 0 "re-indexing a partitioned database"
assert_contains "$err" "0 added"
assert_contains "$err" "of the replaced were unchanged"
assert_eq "$(grep -c '^auto part-' parts.db/XAPIANDB)" "$sealed" "re-indexing (all replacements) seals nothing"
assert_eq "$(answers --db parts.db)" "$merged" "re-indexed in place"
run index compact --db parts.db --seal
assert_eq "$status" 0 "compact a partitioned database"
assert_contains "$err" "merged"
(($(grep -c '^auto part-' parts.db/XAPIANDB) < sealed)) || fail "compact merged nothing: $(cat parts.db/XAPIANDB)"
assert_eq "$(answers --db parts.db)" "$merged" "merged partitions equal the single one"
assert_eq "$(search_ranks --db parts.db)" "$(search_ranks --db all.db)" "search scores after merging"
id=$(query --db all.db search '' --limit 1 --format json | jq -r '.hits[0].id')
run index delete --db parts.db "$id"
assert_contains "$err" "deleted 1 article"
assert_eq "$(article_count parts.db)" "$(($(article_count all.db) - 1))" "delete finds an article in a sealed partition"
assert_eq "$(answers --db s1.db --db s2.db)" "$merged" "two local shards equal the merged database"
assert_eq "$(answers --db shards.stub)" "$merged" "a stub with a remote shard equals the merged database"
assert_eq "$(answers --db s1.db --db "tcp://127.0.0.1:$port")" "$merged" "tcp:// shard equals the merged database"
kill "$server"

# --- an unreachable or silent remote shard fails within the timeout, naming the shard
closed=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run query --db "tcp://127.0.0.1:$closed" stats
assert_eq "$status" 1 "unreachable shard"
assert_contains "$err" "tcp://127.0.0.1:$closed"
# A shard that accepts the connection and never answers; sets $silent (its pid) and $silent_port.
start_silent_shard() {
  /usr/bin/python3 -c '
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
conn, _ = s.accept(); time.sleep(30)' >"$1" &
  silent=$!
  for _ in $(seq 50); do [[ -s $1 ]] && break; sleep 0.1; done
  silent_port=$(cat "$1")
}
# Runs a query against --db $1 with DATELINE_REMOTE_TIMEOUT=2; it must fail naming the shard within $2 seconds.
expect_timeout() {
  local start elapsed
  start=$(date +%s)
  DATELINE_REMOTE_TIMEOUT=2 run query --db "$1" stats
  elapsed=$(($(date +%s) - start))
  kill "$silent" 2>/dev/null || true
  assert_eq "$status" 1 "silent shard in $1"
  assert_contains "$err" "tcp://127.0.0.1:"
  ((elapsed < $2)) || fail "a silent shard in $1 took ${elapsed}s to fail with DATELINE_REMOTE_TIMEOUT=2"
}
start_silent_shard silent.port
expect_timeout "tcp://127.0.0.1:$silent_port" 15
# ... and the same variable holds for a stub's `remote HOST:PORT` line (Xapian's own stub reader waits 10 s).
start_silent_shard silent2.port
printf 'auto %s\nremote 127.0.0.1:%s\n' "$work/s1.db" "$silent_port" >silent.stub
expect_timeout silent.stub 8
echo "analytics ok"
