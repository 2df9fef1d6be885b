#!/usr/bin/env bash
# dateline-query serve: every endpoint answers what its command prints with --format json; errors, limits,
# the token, reopening after the indexer commits, streamed exports, paging by cursor, and SIGTERM.
source "$(dirname "$0")/lib.sh"

index --db db "$DATELINE_CORPUS" 2>/dev/null
wanted=$(article_count db)

# Starts a server with the given options on a free loopback port; sets $pid and $base.
start_server() {
  "$DATELINE_QUERY" --db db serve --listen 127.0.0.1:0 "$@" 2>"$work/server.log" &
  pid=$!
  for _ in $(seq 100); do
    base=$(grep -Eo 'http://127.0.0.1:[0-9]+/' "$work/server.log" | head -1 || true)
    [[ -n $base ]] && base=${base%/} && return 0
    kill -0 "$pid" 2>/dev/null || fail "the server exited: $(cat "$work/server.log")"
    sleep 0.1
  done
  fail "the server never said where it listens"
}
# GET a path; sets $code and $body.
get() { body=$(curl -s -w '\n%{http_code}' "$@"); code=${body##*$'\n'}; body=$(printf '%s' "${body%$'\n'*}"); }
# The API's JSON and the command's, both normalised, must be equal.
same_as_cli() {
  local path=$1; shift
  get "$base$path"
  assert_eq "$code" 200 "GET $path"
  diff <(jq -S . <<<"$body") <(query --db db "$@" --format json | jq -S .) >/dev/null ||
    fail "GET $path differs from dateline-query $*"
}

start_server

echo "every endpoint answers what its command prints"
same_as_cli "/api/search?q=tariffs&limit=5" search tariffs --limit 5
same_as_cli "/api/search?q=summit&with=Xi%20Jinping&from=2025-10&sort=date" search summit --with "Xi Jinping" --from 2025-10 --sort date
same_as_cli "/api/search?q=APEC&collapse=1" search APEC --collapse
same_as_cli "/api/entities?type=person&limit=10" entities --type person --limit 10
same_as_cli "/api/entities?q=tariffs&entity=Trump" entities tariffs --entity Trump
same_as_cli "/api/timeline?name=Lee%20Jae-myung&name=%E4%B9%A0%E8%BF%91%E5%B9%B3&by=month&articles=1" timeline "Lee Jae-myung" 习近平 --by month --articles
same_as_cli "/api/timeline?name=%EC%9D%B4%EC%9E%AC%EB%AA%85&by=week&q=APEC" timeline 이재명 --by week --query APEC
same_as_cli "/api/graph?name=Lee%20Jae-myung&top=10&measure=npmi" graph "Lee Jae-myung" --top 10 --measure npmi
same_as_cli "/api/graph?edges=meetings" graph --edges meetings
same_as_cli "/api/met?name=Lee%20Jae-myung&with=Xi%20Jinping" met "Lee Jae-myung" --with "Xi Jinping"
same_as_cli "/api/events?name=Xi%20Jinping" events "Xi Jinping"
same_as_cli "/api/articles/dl-2025-1101-lee-xi-summit" article dl-2025-1101-lee-xi-summit
get "$base/api/stats"
diff <(jq -S 'del(.databases)' <<<"$body") <(query --db db stats --format json | jq -S 'del(.databases)') >/dev/null ||
  fail "stats differ"

echo "downloads in the other formats are the command's bytes"
for format in csv graphml gexf dot; do
  get "$base/api/graph?name=Xi%20Jinping&format=$format"
  assert_eq "$body" "$(query --db db graph "Xi Jinping" --format "$format")" "graph as $format"
done
get "$base/api/search?q=tariffs&format=csv"
assert_eq "$body" "$(query --db db search tariffs --format csv)" "search as csv"
get "$base/api/export/timelines?by=year"
assert_eq "$body" "$(query --db db export timelines --by year)" "export timelines"
curl -s -D headers -o /dev/null "$base/api/export/timelines"
grep -qi '^content-type: text/csv' headers || fail "export timelines is not served as CSV"

echo "every article, streamed, and paged by cursor without a gap"
get "$base/api/articles"
assert_eq "$(jq -r .id <<<"$body" | sort -u | wc -l)" "$wanted" "streamed articles"
assert_eq "$body" "$(query --db db export articles)" "streamed articles equal export articles"
cursor="" seen=0
for _ in $(seq 50); do
  get "$base/api/articles?format=json&limit=7${cursor:+&after=$cursor}"
  assert_eq "$code" 200 "a page"
  seen=$((seen + $(jq '.articles | length' <<<"$body")))
  jq -r '.articles[].id' <<<"$body" >>paged
  cursor=$(jq -r '.next // empty' <<<"$body")
  [[ -z $cursor ]] && break
done
assert_eq "$seen" "$wanted" "articles paged"
assert_eq "$(sort -u paged | wc -l)" "$wanted" "distinct articles paged"

echo "errors are JSON with the right status"
get "$base/api/timeline?name=Lee%20Jae-myng"
assert_eq "$code" 404 "unknown entity"
assert_contains "$(jq -r '.error.suggestions[0]' <<<"$body")" "Lee Jae-myung" "suggestions"
get "$base/api/articles/no-such-article"
assert_eq "$code" 404 "unknown article"
get "$base/api/search?q=tariffs&bogus=1"
assert_eq "$code" 400 "unknown parameter"
assert_contains "$(jq -r .error.message <<<"$body")" "bogus"
get "$base/api/search?q=%22unclosed&from=2025-13-45"
assert_eq "$code" 400 "a bad date"
get "$base/api/search?q=x&db=/etc"
assert_eq "$code" 400 "db is not a parameter"
get "$base/api/export/timelines?out=/tmp/x"
assert_eq "$code" 400 "out is not a parameter"
get "$base/api/search?q=x&limit=100000"
assert_eq "$code" 413 "a page over the limit"
get "$base/api/search?q=$(head -c 9000 /dev/zero | tr '\0' a)"
[[ $code == 413 || $code == 414 ]] || fail "a long request got $code"
get "$base/api/nothing"
assert_eq "$code" 404 "unknown endpoint"
get "$base/api/openapi.json"
for path in /api/search /api/entities /api/timeline /api/graph /api/met /api/events /api/stats /api/articles \
  "/api/articles/{id}" /api/export/timelines; do
  jq -e --arg p "$path" '.paths[$p].get' <<<"$body" >/dev/null || fail "openapi lacks $path"
done

echo "the page and its libraries are served from the binary"
get "$base/"
assert_eq "$code" 200 "the page"
assert_contains "$body" "<html"
for script in $(grep -o 'src="[^"]*"' <<<"$body" | cut -d'"' -f2); do
  get "$base/${script#/}"
  assert_eq "$code" 200 "the page's $script"
done
grep -q 'cdn\|https://' <<<"$(curl -s "$base/")" && fail "the page loads something from the network"

echo "a database the indexer changed is read again, not served old"
generate_articles 30 >more.jsonl
index --db db more.jsonl 2>/dev/null
get "$base/api/stats"
assert_eq "$(jq .articles <<<"$body")" $((wanted + 30)) "articles after the indexer committed"

echo "SIGTERM finishes and exits cleanly"
kill -TERM "$pid"
wait "$pid" || fail "the server exited with $?"
assert_contains "$(cat server.log)" "served"
assert_contains "$(cat server.log)" "GET /api/stats 200" "access log"

echo "a time limit answers 503"
start_server --timeout 0.000001 --quiet
get "$base/api/search?q=tariffs"
assert_eq "$code" 503 "over the time limit"
kill -TERM "$pid"; wait "$pid" || fail "the server exited with status $?"

echo "a token guards the API"
start_server --token s3cret --quiet
get "$base/api/stats"
assert_eq "$code" 401 "no token"
get -H "Authorization: Bearer wrong" "$base/api/stats"
assert_eq "$code" 401 "a wrong token"
get -H "Authorization: Bearer s3cret" "$base/api/stats"
assert_eq "$code" 200 "the token"
get "$base/api/stats?access_token=s3cret"
assert_eq "$code" 200 "the token as a parameter"
kill -TERM "$pid"; wait "$pid" || fail "the server exited with status $?"

echo "another address needs a token or an explicit --insecure-public"
run query --db db serve --listen 0.0.0.0:0
assert_eq "$status" 2 "a public address without a token"
assert_contains "$err" "--token"
run query --db missing.db serve --listen 127.0.0.1:0
assert_eq "$status" 1 "a missing database"

echo "CORS only when asked"
start_server --quiet
curl -s -D h1 -o /dev/null "$base/api/stats"
grep -qi 'access-control-allow-origin' h1 && fail "CORS without --cors"
kill -TERM "$pid"; wait "$pid" || fail "the server exited with status $?"
start_server --quiet --cors https://notebook.example
curl -s -D h2 -o /dev/null "$base/api/stats"
grep -qi 'access-control-allow-origin: https://notebook.example' h2 || fail "no CORS header with --cors"
kill -TERM "$pid"; wait "$pid" || fail "the server exited with status $?"
echo "server: all passed"
