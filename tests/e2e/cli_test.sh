#!/usr/bin/env bash
# Help, versions, option errors and output formats of both programs.
source "$(dirname "$0")/lib.sh"

for program in index query; do
  run $program --version
  assert_eq "$status" 0
  assert_contains "$out" "Xapian 1.4"
  assert_contains "$out" "ICU"
  run $program --help
  assert_eq "$status" 0
  assert_contains "$out" "Example"
done
for command in search entities timeline graph met export stats; do
  run query $command --help
  assert_eq "$status" 0 "$command --help"
  assert_contains "$out" "Example"
  run query $command --version
  assert_eq "$status" 0 "$command --version"
  assert_contains "$out" "Xapian"
done
run index tag --help
assert_contains "$out" "Example"
run index tag --version
assert_contains "$out" "ICU"

run index
assert_eq "$status" 2 "no input"
assert_contains "$err" "no INPUT given"
run index --format xml x
assert_eq "$status" 2 "bad --format"
assert_contains "$err" "use one of: auto, jsonl, text, rss, atom, html"
run index --batch nope x
assert_eq "$status" 2 "bad --batch"
assert_contains "$err" "see dateline-index --help"

run query --db nowhere.db stats
assert_eq "$status" 1 "missing database"
assert_contains "$err" "build one with: dateline-index --db nowhere.db"
run query frobnicate
assert_eq "$status" 2 "unknown command"
assert_contains "$err" "use one of: search, entities, timeline, graph, met"
run query
assert_eq "$status" 2 "no command"

generate_articles 30 > a.jsonl
index --db db a.jsonl 2>/dev/null
DATELINE_DB=db run query stats --format json
assert_eq "$(jq .articles <<<"$out")" 30 "\$DATELINE_DB is the default database"

run query --db db search 'trade AND (' 
assert_eq "$status" 2 "syntax error"
assert_contains "$err" "query syntax error"
assert_contains "$err" "hint:"
run query --db db search trade --format xml
assert_eq "$status" 2
assert_contains "$err" "use one of: table, json, csv"
run query --db db search trade --from 2025-13
assert_eq "$status" 2
assert_contains "$err" "is not a date"
run query --db db search trade --sort sideways
assert_eq "$status" 2

# Output formats: JSON parses, CSV has a header and one row per hit, table ends with a count.
run query --db db search tariffs --limit 5 --format json
assert_eq "$(jq '.hits | length' <<<"$out")" 5
assert_eq "$(jq '.total' <<<"$out")" 30
assert_eq "$(jq -r '.hits[0] | keys | join(",")' <<<"$out")" "collapsed,date,id,percent,rank,score,snippet,source,title,url"
run query --db db search tariffs --limit 5 --offset 28 --format csv
assert_eq "$(head -n 1 <<<"$out")" "rank,id,date,source,title,url,score,snippet"
assert_eq "$(wc -l <<<"$out")" 3 "two hits left after offset 28"
run query --db db search tariffs --limit 2
assert_contains "$out" "hits 1-2 of 30"
run query --db db search zzzznothing --format json
assert_eq "$(jq -c '[.total, .hits]' <<<"$out")" "[0,[]]" "empty result is valid JSON"
# Several --db are searched as one.
generate_articles 40 | sed 's/gen-/other-/' > b.jsonl
index --db db2 b.jsonl 2>/dev/null
assert_eq "$(query --db db --db db2 search tariffs --format json | jq .total)" 70 "two shards"
# --with and --entity are one option, spelled both ways, in every command that filters articles.
for command in "search tariffs" "entities" "timeline Gyeongju" "graph" "events" "export timelines"; do
  format=json
  [[ $command == export* ]] && format=jsonl
  [[ $command == events ]] && format=jsonl
  assert_eq "$(query --db db $command --with "South Korea" --format $format)" \
    "$(query --db db $command --entity "South Korea" --format $format)" "$command: --with and --entity agree"
done
echo "cli ok"
