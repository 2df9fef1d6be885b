# Shared helpers for the end-to-end tests. (Start background jobs with "$DATELINE_INDEX", not the index function,
# so that $! is the program itself.) Each test runs the real programs ($DATELINE_INDEX, $DATELINE_QUERY, set by
# CTest) in its own temporary directory, removed on success and kept on failure for inspection.
set -euo pipefail

: "${DATELINE_INDEX:?set by CTest}" "${DATELINE_QUERY:?set by CTest}" "${DATELINE_CORPUS:?set by CTest}"
index() { "$DATELINE_INDEX" "$@"; }
query() { "$DATELINE_QUERY" "$@"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-e2e-XXXXXX")
cleanup() {
  local status=$?
  jobs -p | xargs -r kill -9 2>/dev/null || true
  if [[ $status -eq 0 ]]; then rm -rf "$work"; else echo "kept $work for inspection" >&2; fi
}
trap cleanup EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
assert_eq() { [[ "$1" == "$2" ]] || fail "${3:-values differ}: expected '$2', got '$1'"; }
assert_contains() { [[ "$1" == *"$2"* ]] || fail "${3:-missing text}: '$2' not in: $1"; }
# Runs a command, capturing its exit status in $status, standard output in $out and standard error in $err.
run() { set +e; "$@" >"$work/.out" 2>"$work/.err"; status=$?; set -e; out=$(cat "$work/.out"); err=$(cat "$work/.err"); }

# Writes N small generated articles as JSON Lines to standard output.
generate_articles() {
  awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++)
    printf "{\"id\":\"gen-%d\",\"title\":\"Generated story %d\",\"date\":\"2025-01-%02d\",\"text\":\"Article number %d about trade talks and tariffs in Gyeongju between Seoul and Washington.\"}\n", i, i, (i % 28) + 1, i }'
}

# Number of articles in a database, read through the query program.
article_count() { query --db "$1" stats --format json | jq -r .articles; }

# Waits until the database has at least N committed articles (or gives up after 30 s).
wait_for_articles() {
  local db=$1 wanted=$2
  for _ in $(seq 300); do
    if [[ -d $db ]] && (( $(article_count "$db" 2>/dev/null || echo 0) >= wanted )); then return 0; fi
    sleep 0.1
  done
  fail "database $db never reached $wanted articles"
}
