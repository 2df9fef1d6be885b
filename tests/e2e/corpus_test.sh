#!/usr/bin/env bash
# Index the sample corpus, re-index it, and check search answers against brute-force counts over the JSON Lines.
source "$(dirname "$0")/lib.sh"
corpus=$DATELINE_CORPUS

# Expected article count from the files themselves.
jsonl=$(cat "$corpus"/wire/*.jsonl | grep -c .)
texts=$(find "$corpus" -name '*.txt' | wc -l)
rss=$(cat "$corpus"/feeds/*.rss | grep -c '<item>')
atom=$(cat "$corpus"/feeds/*.atom | grep -c '<entry>')
html=$(find "$corpus" -name '*.html' | wc -l)
expected=$((jsonl + texts + rss + atom + html))

run index --db all.db "$corpus"
assert_eq "$status" 0 "indexing the corpus"
assert_contains "$err" "($expected added, 0 replaced)"
assert_eq "$(article_count all.db)" "$expected" "article count"

run index --db all.db "$corpus"
assert_eq "$status" 0 "re-indexing"
assert_contains "$err" "(0 added, $expected replaced)"
assert_eq "$(article_count all.db)" "$expected" "count after re-index"

# Brute force over the JSON Lines only: index them alone and compare with jq.
index --db wire.db "$corpus"/wire 2>/dev/null
records() { cat "$corpus"/wire/*.jsonl | jq -c '{id, title, text: (.text // .body), date: ((.date // .published_at // "")[0:10])}'; }
brute() { records | jq -r --arg re "$1" 'select((.title + " " + .text) | test($re; "i")) | .id' | sort; }
searched() { query --db wire.db search "$1" --limit 1000 --format json | jq -r '.hits[].id' | sort; }

for word in Gyeongju submarine Takaichi; do
  assert_eq "$(searched "$word")" "$(brute "\\b$word\\b")" "search $word"
done
assert_eq "$(searched '"Lee Jae-myung"')" "$(brute 'lee jae[- ]myung')" "phrase search"
assert_eq "$(searched 'Busan AND tariffs')" "$(comm -12 <(brute '\bbusan\b') <(brute '\btariffs\b'))" "AND"

# Date filter: the range avoids days where a time zone moves an article across the boundary.
in_range=$(records | jq -r 'select(.date >= "2025-07-01" and .date <= "2025-09-30") | .id' | sort)
assert_eq "$(query --db wire.db search '' --from 2025-07-01 --to 2025-09-30 --limit 1000 --format json | jq -r '.hits[].id' | sort)" \
  "$in_range" "--from/--to"
assert_eq "$(query --db wire.db search 'date:2025-07-01..2025-09-30' --limit 1000 --format json | jq -r '.hits[].id' | sort)" \
  "$in_range" "date: range in the query"

# Total is exact and equals the number of hits.
json=$(query --db all.db search Gyeongju --limit 1000 --format json)
assert_eq "$(jq '.total' <<<"$json")" "$(jq '.hits | length' <<<"$json")" "total"
assert_eq "$(jq '.total_exact' <<<"$json")" "true"

# Collapse: the syndicated Busan copy folds into the original.
plain=$(query --db all.db search '"Gimhae air base"' --format json | jq '.total')
collapsed=$(query --db all.db search '"Gimhae air base"' --collapse --format json | jq '.total')
assert_eq "$plain" 2 "both copies match"
assert_eq "$collapsed" 1 "--collapse"

# Scripts: Korean and Chinese names.
assert_eq "$(query --db all.db search '이재명' --format json | jq -r '.hits[].id' | sort | tr '\n' ' ')" "dl-2025-1101-ko " "Hangul"
assert_eq "$(query --db all.db search '习近平' --format json | jq -r '.hits[].id')" "dl-2025-1101-zh" "Han"

# Sources and stats JSON.
stats=$(query --db all.db stats --format json)
assert_eq "$(jq -r '.first_date' <<<"$stats")" "2025-06-03"
assert_eq "$(jq -r '.undated' <<<"$stats")" 2
assert_eq "$(query --db all.db search 'source:"Dateline Korea Desk"' --format json | jq .total)" "$rss"
echo "corpus ok: $expected articles"
