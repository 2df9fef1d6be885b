#!/usr/bin/env bash
# The name model's development F1 with each of its feature groups left out, trained in the same run on the same
# data as scripts/train-ner (CoNLL-2003 train, best epoch on dev, Reuters-21578 as unlabelled text), then the
# three taggers of conll_eval.py plus the model trained without knowledge-base features.
# Usage: tests/eval/ner_ablation.sh [DATELINE_INDEX] [SHARED_DATA_DIR]   (needs ../shared/data; skips without it)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
index=${1:-$root/build/indexer/dateline-index}
data=${2:-$root/../shared/data}
if [[ ! -e $data/conll2003/iob1/eng.train || ! -d $data/reuters21578 ]]; then
  echo "ner_ablation: skipped: CoNLL-2003 or Reuters-21578 not found under $data" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/tests/bench/reuters_to_jsonl.py" "$data/reuters21578" "$work/reuters.jsonl" >/dev/null
train() { # train NAME OPTIONS...: prints the dev F1 (all four types) the model file records
  local name=$1
  shift
  "$index" train --conll "$data/conll2003/iob1/eng.train" --dev "$data/conll2003/iob1/eng.testa" \
    --epochs "${EPOCHS:-20}" --out "$work/$name.dlner" "$@" 2>&1 | sed -n 's/.*dev F1 \([0-9.]*\)).*/\1/p'
}
full=$(train full --unlabelled "$work/reuters.jsonl")
no_kb=$(train no-kb --unlabelled "$work/reuters.jsonl" --no-kb-features)
no_lexicon=$(train no-lexicon)
no_clusters=$(train no-clusters --unlabelled "$work/reuters.jsonl" --cluster-words 0)
one_pass=$(train one-pass --unlabelled "$work/reuters.jsonl" --passes 1)
echo "Name model alone, CoNLL-2003 development split, entity-level F1 over PER, LOC, ORG and MISC (conlleval), best epoch:"
echo
echo "| model | dev F1 | change |"
echo "|---|---|---|"
for row in "all features:$full" "without knowledge-base features:$no_kb" "without the Reuters lexicon (case and clusters):$no_lexicon" \
           "without word clusters:$no_clusters" "one pass (no document-level pass):$one_pass"; do
  name=${row%%:*}
  f1=${row##*:}
  awk -v name="$name" -v f1="$f1" -v full="$full" 'BEGIN { printf "| %s | %.2f | %+.2f |\n", name, f1, f1 - full }'
done
echo
python3 "$root/tests/eval/conll_eval.py" "$index" "$data/conll2003" --no-kb-model "$work/no-kb.dlner"
