#!/usr/bin/env bash
# Hostile input, each probe of issue 17: entity expansion in feeds, dates out of range, control characters in
# names, negative numbers, wrongly typed --entities fields, lone surrogates and NULs in JSON Lines, a full file
# size limit. Each is reported and skipped (or repaired) and the batch goes on.
source "$(dirname "$0")/lib.sh"

echo "a billion-laughs feed and a feed of one huge entity used 2,000 times are rejected fast; the next file indexes"
{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE rss ['
  echo '  <!ENTITY a0 "dateline dateline dateline dateline dateline">'
  for i in $(seq 1 12); do echo "  <!ENTITY a$i \"&a$((i - 1));&a$((i - 1));&a$((i - 1));&a$((i - 1));&a$((i - 1));&a$((i - 1));&a$((i - 1));&a$((i - 1));&a$((i - 1));&a$((i - 1));\">"; done
  echo ']>'
  echo '<rss version="2.0"><channel><title>Laughs</title><item><title>Boom</title><description>&a12;</description></item></channel></rss>'
} >a-laughs.rss
{
  echo '<?xml version="1.0"?>'
  printf '<!DOCTYPE rss [ <!ENTITY big "%s"> ]>\n' "$(head -c 100000 /dev/zero | tr '\0' x)"
  printf '<rss version="2.0"><channel><title>Big</title><item><title>Big</title><description>'
  for _ in $(seq 2000); do printf '&big;'; done
  echo '</description></item></channel></rss>'
} >b-big-entity.rss
cat >c-good.rss <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Good Feed</title>
<item><title>Lee Jae-myung meets Xi Jinping</title><guid>good-1</guid><pubDate>Sat, 01 Nov 2025 09:00:00 +0900</pubDate>
<description>South Korean President Lee Jae-myung met Chinese President Xi Jinping in Gyeongju.</description></item>
</channel></rss>
XML
start=$(date +%s%N)
# 1 GiB of address space is far more than the good feed needs and far less than the expansions would take
# (AddressSanitizer reserves terabytes of shadow address space: no limit under it, peak RSS checked instead).
limit="ulimit -v 1048576;"
# grep reads all of ldd's output: `grep -q` would stop at the match, and ldd, cut off by SIGPIPE, fail the pipeline
# (pipefail) now and then, leaving the limit that ASan's shadow memory cannot live under.
if ldd "$DATELINE_INDEX" | grep libasan >/dev/null; then limit=""; fi
run bash -c "$limit exec /usr/bin/time -f '%M' -o feeds.rss \"$DATELINE_INDEX\" --db feeds.db a-laughs.rss b-big-entity.rss c-good.rss"
(( $(tail -1 feeds.rss) < 1048576 )) || fail "the hostile feeds took $(tail -1 feeds.rss) KB"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
query --db feeds.db article good-1 --format json >/dev/null || fail "the good feed after the hostile ones"
assert_contains "$err" "a-laughs.rss:1: warning: XML error: Detected an entity reference loop" "billion laughs"
longest=$(query --db feeds.db export articles | jq -r .id | while read -r id; do
  query --db feeds.db article "$id" --format json | jq '.text | length'; done | sort -n | tail -1)
(( longest < 1000 )) || fail "an entity was expanded into $longest characters of text"
assert_contains "$err" "indexed 3 articles" "the hostile feeds' titles, the good item"
(( elapsed_ms < 5000 )) || fail "the hostile feeds took ${elapsed_ms} ms"

echo "dates out of range are indexed undated, with a warning naming the line"
cat >dates.jsonl <<'JSON'
{"id":"d1","title":"Far past","text":"Text one.","date":-100000000000}
{"id":"d2","title":"Far future","text":"Text two.","date":1e20}
{"id":"d3","title":"Max int","text":"Text three.","date":9223372036854775807}
{"id":"d4","title":"Year zero","text":"Text four.","date":"0000-06-01"}
{"id":"d5","title":"A real day","text":"Text five.","date":"2025-11-01"}
JSON
run index --db dates.db dates.jsonl
for line in 1 2 3 4; do assert_contains "$err" "dates.jsonl:$line:" "line $line warned"; done
assert_eq "$(query --db dates.db stats --format json | jq -c '[.articles, .undated, .first_date, .last_date]')" \
  '[5,4,"2025-11-01","2025-11-01"]' "stats"

echo "control characters never reach names, XML, DOT or the terminal"
printf '{"id":"c1","title":"Talks","date":"2025-11-01","text":"President Lee Jae-myung met Kim\\u0001Bad\\u001bName of Ruritania\\u000b in Seoul with Xi Jinping."}\n' >controls.jsonl
printf '{"type":"person","name":"Evil\\u0000Null\\u001b[31mRed","aliases":["Kim\\u0001Bad"]}\n' >evil.jsonl
index --db controls.db --entities evil.jsonl controls.jsonl 2>/dev/null
query --db controls.db graph --format graphml >g.graphml
xmllint --noout g.graphml || fail "GraphML with control characters is not XML"
query --db controls.db graph --format gexf >g.gexf
xmllint --noout g.gexf || fail "GEXF with control characters is not XML"
query --db controls.db graph --entities evil.jsonl --format dot >g.dot
dot -Tsvg g.dot >/dev/null || fail "DOT with control characters does not render"
query --db controls.db entities >table.txt
LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' table.txt && fail "a control character reached the table"
query --db controls.db search Talks >search.txt
LC_ALL=C grep -q $'\x1b' search.txt && fail "an escape reached the terminal"

echo "negative and malformed numbers are refused, naming the option"
for args in "--threads -1" "--batch -1" "--max-bytes -1" "--threads=-2" "--batch 1e3"; do
  # shellcheck disable=SC2086
  run index --db neg.db $args dates.jsonl
  assert_eq "$status" 2 "dateline-index $args"
  assert_contains "$err" "${args%%[ =]*}" "the option is named"
done
for args in "search x --limit -1" "search x --offset -5" "entities --limit -3" "graph --top -1" "export articles --limit -1"; do
  # shellcheck disable=SC2086
  run query --db dates.db $args
  assert_eq "$status" 2 "dateline-query $args"
  assert_contains "$err" "whole number"
done

echo "--entities JSON Lines with a field of the wrong type names its file and line and goes on"
printf '{"type":"person","name":"Good Person"}\n{"type":"person","name":42}\n{"type":["person"],"name":"X"}\n{"type":"person","name":"Other One","country":{"a":1}}\n' >typed.jsonl
run query --db dates.db stats --entities typed.jsonl
assert_eq "$status" 0 "the query runs"
for line in 2 3 4; do assert_contains "$err" "typed.jsonl:$line:" "line $line named"; done
assert_contains "$err" "must be a string"

echo "a lone surrogate is repaired, not a lost record; a NUL in the first 8 KiB no longer makes the file binary"
{
  printf '{"id":"s1","title":"Cut \\ud800 pair","text":"Lee Jae-myung spoke.","date":"2025-11-02"}\n'
  printf '{"id":"s2","title":"Nul\0here","text":"x","date":"2025-11-02"}\n'
  printf '{"id":"s3","title":"Fine","text":"Xi Jinping spoke.","date":"2025-11-03"}\n'
} >odd.jsonl
run index --db odd.db odd.jsonl
assert_eq "$(article_count odd.db)" 3 "every record kept"
assert_eq "$(query --db odd.db article s2 --format json | jq -j .title | LC_ALL=C tr -d '[:print:]' | wc -c)" 0 \
  "the NUL is not in the stored title"
assert_contains "$(query --db odd.db search Cut --format json | jq -r '.hits[0].title')" "Cut" "the repaired title"

echo "HTML nested 20,000 deep and a script block over 10 MB lose nothing after them"
{
  printf '<html><head><title>Deep page</title></head><body><p>Lee Jae-myung spoke first.</p>'
  for _ in $(seq 20000); do printf '<div>'; done
  printf 'Inner words.'
  for _ in $(seq 20000); do printf '</div>'; done
  printf '<script>'; head -c 11000000 /dev/zero | tr '\0' x; printf '</script>'
  printf '<p>Tail words after it all.</p></body></html>'
} >deep.html
index --db deep.db --max-bytes 16000000 deep.html 2>/dev/null
deep_text=$(query --db deep.db export articles | jq -r .id | xargs -I{} "$DATELINE_QUERY" --db deep.db article {} --format json | jq -r .text)
assert_contains "$deep_text" "Inner words." "text 20,000 levels deep"
assert_contains "$deep_text" "Tail words after it all." "text after the deep part and the big script"

echo "CSV for spreadsheets: --csv-safe neutralises formulas; the default keeps the raw value"
printf '{"id":"f1","title":"=HYPERLINK(\\"http://evil.example\\")","text":"Lee Jae-myung spoke.","date":"2025-01-01"}\n' >formula.jsonl
index --db formula.db formula.jsonl 2>/dev/null
assert_contains "$(query --db formula.db search spoke --format csv --csv-safe)" "\"'=HYPERLINK" "neutralised"
assert_contains "$(query --db formula.db search spoke --format csv)" ",\"=HYPERLINK" "raw by default"
assert_contains "$(query --db formula.db export articles --format csv --csv-safe)" "\"'=HYPERLINK" "export too"

echo "a file size limit ends with a message and an openable database"
generate_articles 3000 >many.jsonl
run bash -c "ulimit -f 200; exec \"$DATELINE_INDEX\" --db limited.db --batch 200 many.jsonl"
[[ $status -ne 0 ]] || fail "indexing past ulimit -f succeeded"
[[ -n $err ]] || fail "no message past ulimit -f"
count=$(article_count limited.db) || fail "the database does not open after the size limit"
echo "  (stopped at $count committed articles: $(tail -1 <<<"$err"))"
echo "hostile ok"
