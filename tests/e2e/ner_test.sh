#!/usr/bin/env bash
# The statistical name tagger end to end: train on a small CoNLL file, tag CoNLL columns, refuse bad model files,
# and find (and link across articles) names in the corpus that no knowledge base lists.
source "$(dirname "$0")/lib.sh"
corpus=$DATELINE_CORPUS

# A CoNLL-2003 style fixture (word POS chunk tag, IOB1): templates over a few names, written here.
conll() { # conll "PEOPLE" "PLACES" "ORGS"
  local person place org word
  for person in $1; do for place in $2; do for org in $3; do
    for word in ${person//_/ }; do echo "$word NNP I-NP I-PER"; done
    echo "visited VBD B-VP O"; echo "$place NNP I-NP I-LOC"; echo "on IN B-PP O"; echo "Monday NNP B-NP O"; echo ". . O O"; echo
    for word in ${org//_/ }; do echo "$word NNP I-NP I-ORG"; done
    echo "said VBD B-VP O"
    for word in ${person//_/ }; do echo "$word NNP I-NP I-PER"; done
    echo "will MD B-VP O"; echo "lead VB I-VP O"; echo "it PRP B-NP O"; echo ". . O O"; echo
  done; done; echo "-DOCSTART- -X- O O"; echo; done
}
conll "John_Smith Mary_Jones Ahmed_Khan Carlos_Ruiz" "Paris Lagos Lima" "Acme_Corp Globex_Corp" > train.conll
conll "Peter_Brown Nadia_Petrova" "Quito Oslo" "Initech_Corp" > dev.conll

# train: per-epoch dev F1 on standard error, the best epoch kept, a model file written.
run index train --conll train.conll --dev dev.conll --out fixture.dlner --epochs 4
assert_eq "$status" 0 "train exits 0"
assert_contains "$err" "epoch  1:"
assert_contains "$err" "epoch  4:"
assert_contains "$err" "best"
assert_contains "$err" "wrote fixture.dlner"
[[ -s fixture.dlner ]] || fail "no model written"

# A foreign tag: the sentence is named (file:line), skipped, training goes on, and the exit status says so.
{ cat train.conll; printf 'Bad NNP I-NP B-PERSON\n\n'; } > bad.conll
run index train --conll bad.conll --out bad.dlner --epochs 1
assert_eq "$status" 1 "a skipped sentence makes exit status 1"
assert_contains "$err" "bad.conll:$(grep -c '' train.conll | awk '{print $1 + 1}'): unknown name tag \"B-PERSON\""
assert_contains "$err" "1 sentences skipped"
[[ -s bad.dlner ]] || fail "the model is still written"
run index train --conll train.conll --out x.dlner --passes 3
assert_eq "$status" 2
assert_contains "$err" "--passes must be 1 or 2"

# tag --conll: every line comes back, token lines with one more column, markers and blank lines untouched.
run index tag --conll dev.conll --model fixture.dlner --model-only
assert_eq "$status" 0
index tag --conll dev.conll --model fixture.dlner --model-only > tagged.conll
assert_eq "$(wc -l < tagged.conll)" "$(wc -l < dev.conll)" "one output line per input line"
assert_eq "$(awk 'NF > 0 && $1 != "-DOCSTART-" && NF != 5' <<<"$out" | wc -l)" "0" "a predicted column on every token line"
assert_eq "$(grep -c '^-DOCSTART- -X- O O$' <<<"$out")" "$(grep -c DOCSTART dev.conll)" "document markers kept"
first=$(head -n 6 <<<"$out" | awk '{print $NF}' | tr '\n' ' ')
assert_eq "$first" "B-PER I-PER O B-LOC O O " "names the model never saw, in a context it learnt"

# The built-in model through the whole pipeline on CoNLL columns: demonyms are MISC, people PER.
printf 'Fabrizio NNP\nRavanelli NNP\nsaid VBD\nGerman JJ\nofficials NNS\nvisited VBD\nBonn NNP\n. .\n' > one.conll
assert_eq "$(index tag --conll one.conll | awk '{print $NF}' | tr '\n' ' ')" "B-PER I-PER O B-MISC O O B-LOC O "

# Bad model files: a clear error naming the file, for index and tag alike.
echo "not a model" > junk.dlner
run index tag --model junk.dlner <<<"Some text."
assert_eq "$status" 1 "a bad model file is a data error"
assert_contains "$err" "junk.dlner: not a usable name-tagger model"
head -c 1000 fixture.dlner > truncated.dlner
run index --db never.db --model truncated.dlner "$corpus"/wire
[[ $status -ne 0 ]] || fail "indexing with a truncated model must fail"
assert_contains "$err" "checksum"
run index tag --model fixture.dlner --no-model <<<"Some text."
assert_eq "$status" 2
assert_contains "$err" "contradict"
run index tag --model-only <<<"Some text."
assert_eq "$status" 2
assert_contains "$err" "--model-only goes with --conll"

# The corpus: names no knowledge base lists are found by the model, and linked across articles and to surnames.
index --db model.db "$corpus"/wire 2>/dev/null
index --db rules.db --no-model "$corpus"/wire 2>/dev/null
entity() { query --db "$1" entities --type "$2" --limit 0 --format json | jq -r --arg id "$3" '.[] | select(.id == $id) | "\(.articles) \(.mentions)"'; }
assert_eq "$(entity model.db person jensen-huang)" "2 5" "Jensen Huang: two articles, five mentions (three by surname)"
assert_eq "$(entity rules.db person jensen-huang)" "1 3" "the knowledge base and rules alone miss him in one article"
kkanbu=$(query --db model.db entities --limit 0 --format json | jq -r '.[] | select(.id == "kkanbu-chicken") | "\(.type) \(.articles)"')
[[ $kkanbu == "org 1" || $kkanbu == "place 1" ]] || fail "a restaurant no list has, as an organisation or a place: got '$kkanbu'"
assert_eq "$(query --db model.db search 'person:"Jensen Huang"' --format json | jq -r '[.hits[].id] | sort | join(" ")')" \
  "dl-2025-1030-chicken-summit dl-2025-1031-nvidia-chips" "person: filter on a discovered name"
# The knowledge base keeps identity: everything it finds without the model, it finds with it.
known() { query --db "$1" entities --limit 0 --format json | jq -r '.[] | select(.id | test("^(Q[0-9]+|[A-Z][A-Z])$")) | "\(.type):\(.id)"' | sort; }
assert_eq "$(comm -23 <(known rules.db) <(known model.db))" "" "no knowledge-base entity lost to the model"
# train-zh: a Chinese model from MSRA-style lines; a malformed line is named by file and line, skipped, and the
# run ends with exit status 1 and a model that tags.
{
  for _ in $(seq 30); do
    printf '习\tB-PER\n近\tI-PER\n平\tI-PER\n在\tO\n北\tB-LOC\n京\tI-LOC\n会\tO\n见\tO\n王\tB-PER\n明\tI-PER\n。\tO\n\n'
  done
  printf 'no tab here\n\n'
} > tiny.msra
run index train-zh --msra tiny.msra --dev-every 5 --epochs 2 --min-count 1 --out tiny-zh.dlner
assert_eq "$status" 1 "a skipped line makes exit status 1"
assert_contains "$err" "tiny.msra:361: not CHARACTER<TAB>TAG"
assert_contains "$err" "wrote tiny-zh.dlner"
[[ -s tiny-zh.dlner ]] || fail "train-zh wrote no model"
run index train-zh --msra missing.msra --out x.dlner
assert_eq "$status" 1 "missing training data is a data error"
assert_contains "$err" "missing.msra: cannot open"
echo "ner ok"
