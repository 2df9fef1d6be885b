#!/usr/bin/env bash
# Tagging throughput against compromise (npm), on the same Reuters stories in the same run. Installs compromise into
# a temporary folder from the npm registry (benchmarks only; nothing of it is committed).
# STORIES (default 2000) is how many stories both tag.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data="${DATELINE_SHARED_DATA:-$root/../shared/data}/reuters21578"
stories="${STORIES:-2000}"
if [[ ! -d $data ]] || ! command -v npm >/dev/null; then
  echo "tagging_peer_bench: skipped: needs $data and npm" >&2
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-tagpeer-XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$root/tests/bench/reuters_to_jsonl.py" "$data" "$work/all.jsonl" 2>/dev/null
head -n "$stories" "$work/all.jsonl" > "$work/stories.jsonl"
(cd "$work" && npm install --silent --no-audit --no-fund compromise@14 >/dev/null 2>&1)
cp "$root/tests/bench/compromise_tag.js" "$work/"
peer=$(cd "$work" && node compromise_tag.js stories.jsonl)
start=$(date +%s.%N)
"$root/build/indexer/dateline-index" tag --articles "$work/stories.jsonl" > "$work/tags.jsonl"
end=$(date +%s.%N)
python3 - "$peer" "$start" "$end" "$work/tags.jsonl" <<'PY'
import json, sys
peer = json.loads(sys.argv[1])
seconds = float(sys.argv[3]) - float(sys.argv[2])
mentions = sum(len(json.loads(l)["mentions"]) for l in open(sys.argv[4]))
ours = peer["mb"] / seconds
print(f"{peer['articles']} Reuters stories, {peer['mb']:.1f} MB; whole pipeline each (JSON in, entities out).\n")
print("| tagger | MB/s | entities found |")
print("|---|---|---|")
print(f"| compromise 14 (npm, Node {__import__('subprocess').run(['node','--version'],capture_output=True,text=True).stdout.strip()}) | {peer['mb_per_s']:.2f} | {peer['found']} |")
print(f"| dateline-index tag --articles (tokenize + tag, one thread, process start included) | {ours:.2f} | {mentions} |")
print(f"| **ratio Dateline / compromise** | **{ours / peer['mb_per_s']:.0f}×** | |")
PY
