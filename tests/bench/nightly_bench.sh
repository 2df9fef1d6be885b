#!/usr/bin/env bash
# The nightly case: archives of N generated articles (SIZES, default "100000 300000"; add 1000000 for the
# million; each grown from the one before, as a user's archive grows), then a night of 20,000 new articles plus
# 1,000 old ones re-sent with a correction (RESENT_AS=same re-sends them unchanged, which dateline-index leaves as
# they are), into dateline-index's database and into scriptindex's own archive of the same articles, in one run.
# Each night runs RUNS times (default 3) on fresh copies of the archives, with the same night into an empty
# database beside it, so that the two ratios compare runs on the same machine at the same moment (a noisy 2-core
# machine moves a single 20-second run by 15%). Prints a Markdown table: the night's articles/s and CPU seconds,
# its peak RSS, the ratio against the night into an empty database and against scriptindex, and each archive's
# size after `dateline-index compact` (after xapian-compact for scriptindex); then what growing the archives
# took. dateline-index runs as a user would: its default shards and partition size.
# Needs ../shared/data/reuters21578 and xapian-omega (scripts/install-deps --bench).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data="${DATELINE_SHARED_DATA:-$root/../shared/data}/reuters21578"
sizes="${SIZES:-100000 300000}"
night="${NIGHT:-20000}"
resent="${RESENT:-1000}"
resent_as="${RESENT_AS:-corrected}"
runs="${RUNS:-3}"
if [[ ! -d $data ]]; then
  echo "nightly_bench: skipped: $data not found (Reuters-21578 lives in ../shared/data next to the checkout)" >&2
  exit 0
fi
index="$root/build/indexer/dateline-index"
work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-nightly-XXXXXX")
trap 'rm -rf "$work"' EXIT
bench="$root/tests/bench"

python3 "$bench/reuters_to_jsonl.py" "$data" "$work/reuters.jsonl"
largest=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)
# One corpus: the archive of size N is its first N lines, the night the 20,000 after the largest archive.
python3 "$bench/generate_corpus.py" "$work/reuters.jsonl" "$((largest + night))" "$work/all.jsonl" 2>/dev/null
tail -n "$night" "$work/all.jsonl" >"$work/new.jsonl"

# One timed run, recorded in the results as "LABEL seconds peak_kb user_seconds system_seconds".
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  echo "$label $(cat "$work/time")" >>"$work/results"
}
bytes() { du -sb "$1" | cut -f1; }
# A sharded database's size: the folders its stub lists (the old ones a compaction leaves for readers go later).
listed_bytes() { sed -n 's/^auto //p' "$1/XAPIANDB" | (cd "$1" && xargs du -sbc) | tail -1 | cut -f1; }

: >"$work/results"
# The night, the same file at every size: 20,000 new articles and 1,000 of the smallest archive's again.
smallest=$(tr ' ' '\n' <<<"$sizes" | sort -n | head -1)
head -n "$smallest" "$work/all.jsonl" | awk -v step="$((smallest / resent))" 'NR % step == 0' | head -n "$resent" >"$work/resent.jsonl"
if [[ $resent_as == corrected ]]; then
  jq -c '.text += " This story was corrected."' "$work/resent.jsonl" >"$work/resent.tmp" && mv "$work/resent.tmp" "$work/resent.jsonl"
fi
cat "$work/new.jsonl" "$work/resent.jsonl" >"$work/night.jsonl"
python3 "$bench/jsonl_to_scriptindex.py" "$work/night.jsonl" "$work/night.si"

# The archives grow as a user's does: the articles up to each size are added to the one before.
built=0
for size in $(tr ' ' '\n' <<<"$sizes" | sort -n); do
  sed -n "$((built + 1)),${size}p" "$work/all.jsonl" >"$work/archive.jsonl"
  python3 "$bench/jsonl_to_scriptindex.py" "$work/archive.jsonl" "$work/archive.si"
  echo "nightly_bench: adding articles $((built + 1))-$size to the archives" >&2
  timed "build dateline $built $size" "$index" --db "$work/dl.db" "$work/archive.jsonl"
  timed "build scriptindex $built $size" scriptindex "$work/si.db" "$bench/scriptindex.index" "$work/archive.si"
  built=$size
  # Each run on fresh copies, the night into an empty database beside it, so that both see the same machine.
  for run in $(seq "$runs"); do
    echo "nightly_bench: the night into $size and into an empty database, run $run of $runs" >&2
    rm -rf "$work"/dl-night.db "$work"/si-night.db "$work"/dl-empty.db "$work"/si-empty.db
    timed "dateline empty-$size" "$index" --db "$work/dl-empty.db" "$work/night.jsonl"
    timed "scriptindex empty-$size" scriptindex "$work/si-empty.db" "$bench/scriptindex.index" "$work/night.si"
    cp -a "$work/dl.db" "$work/dl-night.db"
    cp -a "$work/si.db" "$work/si-night.db"
    sync
    timed "dateline $size" "$index" --db "$work/dl-night.db" "$work/night.jsonl"
    grep -o '[0-9]* rewritten in sealed partitions' "$work/stderr" >&2 || true
    timed "scriptindex $size" scriptindex "$work/si-night.db" "$bench/scriptindex.index" "$work/night.si"
  done
  rm -rf "$work"/si-compact.db
  "$index" compact --db "$work/dl-night.db" 2>/dev/null
  xapian-compact "$work/si-night.db" "$work/si-compact.db" >/dev/null
  echo "size $size $(listed_bytes "$work/dl-night.db") $(bytes "$work/si-compact.db") $(grep -c '^auto' "$work/dl-night.db/XAPIANDB")" >>"$work/results"
  cat "$work/results" >&2 # the raw figures so far, should a long run be cut short
done

cpu_model=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
python3 - "$work/results" "$night" "$resent" "$(nproc)" "$cpu_model" "$resent_as" "$runs" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
night, resent, cores, cpu, runs = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[7])
articles = night + resent
samples = {}
for r in rows:
    if r[0] in ("dateline", "scriptindex"):
        samples.setdefault((r[0], r[1]), []).append([float(x) for x in r[2:]])
def median_run(key):  # the run with the median wall time: seconds, peak KB, user, system
    if key[1] == "empty":  # every night into an empty database, beside whichever archive
        runs_ = sorted(x for (who, label), xs in samples.items() if who == key[0] and label.startswith("empty-") for x in xs)
    else:
        runs_ = sorted(samples[key])
    return runs_[(len(runs_) - 1) // 2]
sizes = {r[1]: [float(x) for x in r[2:]] for r in rows if r[0] == "size"}
print(f"A night of {night:,} new generated articles and {resent:,} old ones re-sent ({sys.argv[6]}), into archives of generated articles; "
      f"{runs} runs each on fresh copies, the night into an empty database run beside each; the run with the median time "
      f"is shown; {cores} cores ({cpu}), alone on the machine. CPU is user + system seconds.\n")
print("| archive | dateline night (s) | articles/s | CPU s | peak RSS (MB) | vs the night into an empty database | "
      "scriptindex night (s) | **dateline / scriptindex** | archive after compaction: dateline / scriptindex (MB) | "
      "shard folders |")
print("|---|---|---|---|---|---|---|---|---|---|")
empty, peer_empty = median_run(("dateline", "empty")), median_run(("scriptindex", "empty"))
print(f"| empty | {empty[0]:.1f} | {articles / empty[0]:.0f} | {empty[2] + empty[3]:.1f} | {empty[1] / 1024:.0f} | 1.00× | "
      f"{peer_empty[0]:.1f} | **{peer_empty[0] / empty[0]:.2f}×** | | 2 |")
for size in sizes:
    ours, peer = median_run(("dateline", size)), median_run(("scriptindex", size))
    print(f"| {int(size):,} | {ours[0]:.1f} | {articles / ours[0]:.0f} | {ours[2] + ours[3]:.1f} | {ours[1] / 1024:.0f} | "
          f"{ours[0] / median_run(('dateline', 'empty-' + size))[0]:.2f}× | {peer[0]:.1f} | **{peer[0] / ours[0]:.2f}×** | "
          f"{sizes[size][0] / 1e6:.0f} / {sizes[size][1] / 1e6:.0f} | {int(sizes[size][2])} |")
print("\nEvery run, wall seconds (dateline / scriptindex): " + "; ".join(
    f"{label}: " + ", ".join(f"{a[0]:.1f}/{b[0]:.1f}" for a, b in zip(samples[("dateline", label)], samples[("scriptindex", label)]))
    for label in [f"{kind}{size}" for size in sizes for kind in ("empty-", "")]))
PY
python3 - "$work/results" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.startswith("build ")]
steps = sorted({(int(r[2]), int(r[3])) for r in rows})
if steps:
    print("\nGrowing the archives (the same articles added to each indexer's archive, one run each):\n")
    print("| articles added | dateline-index (s) | articles/s | scriptindex (s) | articles/s | **dateline / scriptindex** |")
    print("|---|---|---|---|---|---|")
    for first, last in steps:
        pick = lambda who: next(float(r[4]) for r in rows if r[1] == who and (int(r[2]), int(r[3])) == (first, last))
        ours, peer, count = pick("dateline"), pick("scriptindex"), last - first
        print(f"| {first + 1:,}-{last:,} | {ours:.0f} | {count / ours:.0f} | {peer:.0f} | {count / peer:.0f} | "
              f"**{peer / ours:.2f}×** |")
PY
