#!/usr/bin/env bash
# The page in a real browser: headless Chromium driven by puppeteer-core (tests/browser/page_test.mjs) against
# dateline-query serve on a free loopback port over the sample corpus. scripts/test installs Chromium and runs
# `npm ci` in tests/browser. BROWSER_SCREENSHOT=FILE keeps a screenshot of the graph view (docs/page.png is one).
source "$(dirname "$0")/lib.sh"
browser_dir="$(cd "$(dirname "$0")/../browser" && pwd)"
chromium="${CHROMIUM:-$(command -v chromium || true)}"
[[ -x $chromium ]] || fail "Chromium is not installed (scripts/install-deps --test installs it)"
[[ -d $browser_dir/node_modules/puppeteer-core ]] ||
  fail "puppeteer-core is missing: run npm ci --prefix tests/browser (scripts/test does)"

index --db db "$DATELINE_CORPUS" 2>/dev/null
"$DATELINE_QUERY" --db db serve --listen 127.0.0.1:0 2>server.log &
server=$!
base=""
for _ in $(seq 100); do
  base=$(grep -Eo 'http://127.0.0.1:[0-9]+/' server.log | head -1 || true)
  [[ -n $base ]] && base=${base%/} && break
  sleep 0.1
done
[[ -n $base ]] || fail "the server did not start: $(cat server.log)"
DATELINE_URL="$base/" CHROMIUM="$chromium" SCREENSHOT="${BROWSER_SCREENSHOT:-$work/page.png}" \
  node "$browser_dir/page_test.mjs" || fail "the page failed in the browser (server log: $work/server.log)"
kill -TERM "$server"
wait "$server" || fail "the server did not stop cleanly"
echo "browser: all passed"
