#!/usr/bin/env python3
"""Entity-level precision, recall and F1 of Dateline's tagger on CoNLL-2003 English, scored as conlleval does.

Usage: conll_eval.py DATELINE_INDEX [CONLL_DIR]     (default CONLL_DIR: ../shared/data/conll2003)

Reads the development split with its document boundaries (iob1/eng.testa; in this copy each -DOCSTART- line comes
after its document) and its IOB2 gold tags (valid.txt), rebuilds each document's text (tokens joined by spaces, one sentence per line, a blank line
after the headline), runs `dateline-index tag --articles` once over all documents, maps mentions back to tokens and
compares spans and types with the gold ones. Types: person -> PER; country and place -> LOC, except demonyms ->
MISC (CoNLL tags "German" as MISC); org -> ORG. Dateline never produces other MISC entities, so MISC is reported
but not in the PER/LOC/ORG total. An entity counts as correct only if its type and exact token span match.
"""
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path


def read_documents(path):
    documents, sentences, sentence = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                documents.append(sentences)
            sentences = []
            continue
        if not line.strip():
            if sentence:
                sentences.append(sentence)
            sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(sentences)
    return documents


def gold_spans(tags):
    """IOB1 or IOB2 tags -> set of (start, end_exclusive, type)."""
    spans, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if start is not None and (tag == "O" or begins):
            spans.add((start, i, kind))
            start, kind = None, None
        if tag != "O" and (start is None or begins):
            start, kind = i, label
    return spans


def conll_type(mention):
    if mention["type"] == "person":
        return "PER"
    if mention["type"] == "org":
        return "ORG"
    return "MISC" if mention["how"] == "demonym" else "LOC"


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    tagger = sys.argv[1]
    data = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[3] / "shared" / "data" / "conll2003"
    testa = data / "iob1" / "eng.testa"
    if not testa.exists():
        print(f"conll_eval: skipped: {testa} not found (CoNLL-2003 lives in ../shared/data)", file=sys.stderr)
        return 0
    documents = read_documents(testa)
    # Gold tags from the IOB2 copy (valid.txt), token for token: its spans are unambiguous.
    iob2 = [line.split() for line in (data / "valid.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("-DOCSTART-")]
    flat = [(d, s, t) for d, sentences in enumerate(documents) for s, sentence in enumerate(sentences)
            for t in range(len(sentence))]
    if len(iob2) == len(flat):
        for (d, s, t), parts in zip(flat, iob2):
            token, _ = documents[d][s][t]
            if parts[0] == token:
                documents[d][s][t] = (token, parts[-1])
    records, layouts = [], []
    for number, sentences in enumerate(documents):
        # Text: tokens joined by spaces; the headline (first sentence) becomes the title.
        offsets, lines = [], []
        position = 0
        title_tokens = sentences[0]
        title = " ".join(t for t, _ in title_tokens)
        body_lines = [" ".join(t for t, _ in s) for s in sentences[1:]]
        text = "\n".join(body_lines)
        full = title + "\n\n" + text
        cursor = 0
        for sentence in sentences:
            for token, tag in sentence:
                at = full.index(token, cursor)
                offsets.append((at, at + len(token), tag))
                cursor = at + len(token)
        records.append(json.dumps({"id": f"doc-{number}", "title": title, "text": text, "date": "1996-08-30"}))
        layouts.append(offsets)
    result = subprocess.run([tagger, "tag", "--articles"], input="\n".join(records) + "\n", capture_output=True,
                            text=True, check=True)
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    if len(outputs) != len(documents):
        sys.exit(f"conll_eval: expected {len(documents)} tagged documents, got {len(outputs)}")
    correct, predicted, gold = Counter(), Counter(), Counter()
    for offsets, output in zip(layouts, outputs):
        tags = [tag for _, _, tag in offsets]
        gold_set = gold_spans(tags)
        predicted_set = set()
        for mention in output["mentions"]:
            covered = [i for i, (b, e, _) in enumerate(offsets) if b < mention["end"] and e > mention["begin"]]
            if covered:
                predicted_set.add((covered[0], covered[-1] + 1, conll_type(mention)))
        for _, _, kind in gold_set:
            gold[kind] += 1
        for _, _, kind in predicted_set:
            predicted[kind] += 1
        for _, _, kind in gold_set & predicted_set:
            correct[kind] += 1
    tokens = sum(len(o) for o in layouts)
    print(f"CoNLL-2003 development split: {len(documents)} documents, {tokens} tokens, {sum(gold.values())} entities")
    print("| type | precision | recall | F1 | gold | predicted |")
    print("|---|---|---|---|---|---|")

    def row(name, c, p, g):
        precision = c / p if p else 0.0
        recall = c / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"| {name} | {100 * precision:.1f} | {100 * recall:.1f} | {100 * f1:.1f} | {g} | {p} |")

    for kind in ("PER", "LOC", "ORG", "MISC"):
        row(kind, correct[kind], predicted[kind], gold[kind])
    core = ("PER", "LOC", "ORG")
    row("PER+LOC+ORG", sum(correct[k] for k in core), sum(predicted[k] for k in core), sum(gold[k] for k in core))
    row("all four", sum(correct.values()), sum(predicted.values()), sum(gold.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
