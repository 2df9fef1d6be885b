#!/usr/bin/env python3
"""Entity-level precision, recall and F1 of Dateline's taggers on CoNLL-2003 English, scored as conlleval does.

Usage: conll_eval.py DATELINE_INDEX [CONLL_DIR] [--no-kb-model MODEL]     (default CONLL_DIR: ../shared/data/conll2003)

Runs `dateline-index tag --conll` over the development split (iob1/eng.testa: its -DOCSTART- lines keep documents
apart, which the short-form and document-case steps need) in three configurations and scores the appended column
against the gold one:
  pipeline     knowledge base + statistical tagger + rules + short forms, as the indexer tags (demonyms are MISC,
               countries and places LOC, as CoNLL tags them);
  model        the statistical tagger alone (--model-only), with the knowledge-base features;
  rules        knowledge base and rules only (--no-model), the tagger before the model existed;
and, with --no-kb-model MODEL (a model trained with `train --no-kb-features`), that model alone.
An entity counts as correct only if its type and exact token span match (conlleval). "all four" is conlleval's
overall figure; PER+LOC+ORG are the types Dateline indexes. The held-out test split is never read here.
"""
import subprocess
import sys
from collections import Counter
from pathlib import Path


def spans(tags):
    """IOB1 or IOB2 tags -> set of (start, end_exclusive, type)."""
    found, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if start is not None and (tag == "O" or begins):
            found.add((start, i, kind))
            start, kind = None, None
        if tag != "O" and (start is None or begins):
            start, kind = i, label
    return found


def score(output):
    """Counters (correct, predicted, gold) by type over sentences of `output` (gold tag then predicted last)."""
    correct, predicted, gold = Counter(), Counter(), Counter()
    tokens = 0

    def flush(sentence):
        g = spans([parts[-2] for parts in sentence])
        p = spans([parts[-1] for parts in sentence])
        for _, _, kind in g:
            gold[kind] += 1
        for _, _, kind in p:
            predicted[kind] += 1
        for _, _, kind in g & p:
            correct[kind] += 1

    sentence = []
    for line in output.splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            flush(sentence)
            sentence = []
            continue
        sentence.append(parts)
        tokens += 1
    flush(sentence)
    return correct, predicted, gold, tokens


def f1(c, p, g):
    precision = c / p if p else 0.0
    recall = c / g if g else 0.0
    return 100 * precision, 100 * recall, (200 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main():
    args = [a for a in sys.argv[1:]]
    no_kb_model = None
    if "--no-kb-model" in args:
        at = args.index("--no-kb-model")
        no_kb_model = args[at + 1]
        del args[at:at + 2]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    tagger = args[0]
    data = Path(args[1]) if len(args) > 1 else Path(__file__).resolve().parents[3] / "shared" / "data" / "conll2003"
    testa = data / "iob1" / "eng.testa"
    if not testa.exists():
        print(f"conll_eval: skipped: {testa} not found (CoNLL-2003 lives in ../shared/data)", file=sys.stderr)
        return 0
    configurations = [("pipeline (knowledge base + model + rules)", []),
                      ("model alone, with knowledge-base features", ["--model-only"]),
                      ("knowledge base + rules, no model", ["--no-model"])]
    if no_kb_model:
        configurations.append(("model alone, without knowledge-base features", ["--model-only", "--model", no_kb_model]))
    print(f"CoNLL-2003 development split ({testa.name}), entity-level, conlleval's definition:")
    print()
    print("| tagger | PER F1 | LOC F1 | ORG F1 | MISC F1 | PER+LOC+ORG P / R / F1 | all four P / R / F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, options in configurations:
        result = subprocess.run([tagger, "tag", "--conll", str(testa)] + options, capture_output=True, text=True,
                                check=True)
        correct, predicted, gold, _ = score(result.stdout)
        cells = [f"{f1(correct[k], predicted[k], gold[k])[2]:.1f}" for k in ("PER", "LOC", "ORG", "MISC")]
        core = ("PER", "LOC", "ORG")
        p, r, f = f1(sum(correct[k] for k in core), sum(predicted[k] for k in core), sum(gold[k] for k in core))
        ap, ar, af = f1(sum(correct.values()), sum(predicted.values()), sum(gold.values()))
        print(f"| {name} | " + " | ".join(cells) + f" | {p:.1f} / {r:.1f} / {f:.1f} | {ap:.1f} / {ar:.1f} / {af:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
