#!/usr/bin/env python3
"""Span-level precision, recall and F1 (PER, LOC, ORG; conlleval's exact match) of Dateline's tagger on Korean
and Chinese sentences.

Usage: cjk_ner_eval.py DATELINE_INDEX --ko FILE             Korean sentences with inline marks (<PER:이재명>)
       cjk_ner_eval.py DATELINE_INDEX --msra FILE [--every N] MSRA-style CHAR<TAB>TAG files; every N-th sentence
                                                          (default 10, the development sentences train-zh holds
                                                          out) is scored
       add --errors K to print K wrong sentences.

Every sentence is tagged as an article of its own with `dateline-index tag --articles`. Mentions nested in another
are left out (the gold sets are flat); countries and places are LOC, organisations ORG, people PER.
"""
import argparse
import json
import re
import subprocess
import sys
from collections import Counter

MARK = re.compile(r"<(PER|LOC|ORG):([^<>]+)>")
TYPES = {"person": "PER", "country": "LOC", "place": "LOC", "org": "ORG"}


def read_marked(path):
    sentences = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        text, gold, at = "", set(), 0
        for m in MARK.finditer(line):
            text += line[at:m.start()]
            begin = len(text.encode())
            text += m.group(2)
            gold.add((begin, len(text.encode()), m.group(1)))
            at = m.end()
        text += line[at:]
        sentences.append((text, gold))
    return sentences


def read_msra(path, every):
    sentences, chars, tags, index = [], [], [], 0

    def finish():
        nonlocal chars, tags, index
        if chars:
            if every and index % every == every - 1:
                text, gold, open_ = "", set(), None
                for c, t in zip(chars + [""], tags + ["O"]):
                    if open_ and not (t.startswith("I-") and t[2:] == open_[1]):
                        gold.add((open_[0], len(text.encode()), open_[1]))
                        open_ = None
                    if t[:2] in ("B-", "I-") and open_ is None:
                        open_ = (len(text.encode()), t[2:])
                    text += c
                sentences.append((text, gold))
            index += 1
        chars, tags = [], []

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            finish()
            continue
        c, _, t = line.partition("\t")
        chars.append(c)
        tags.append(t)
    finish()
    return sentences


def tag(binary, sentences):
    articles = "".join(json.dumps({"id": str(i), "title": "", "text": text}, ensure_ascii=False) + "\n"
                       for i, (text, _) in enumerate(sentences))
    run = subprocess.run([binary, "tag", "--articles"], input=articles.encode(), capture_output=True, check=True)
    predicted = [set() for _ in sentences]
    for line in run.stdout.decode().splitlines():
        article = json.loads(line)
        i = int(article["id"])
        shift = 2  # the empty title and the blank line before the text
        spans = sorted(((m["begin"] - shift, m["end"] - shift, TYPES[m["type"]]) for m in article["mentions"]),
                       key=lambda s: (s[0], -s[1]))
        outer_end = -1
        for begin, end, kind in spans:
            if begin >= outer_end:
                predicted[i].add((begin, end, kind))
                outer_end = end
    return predicted


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--ko")
    parser.add_argument("--msra")
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    if args.ko:
        sentences = read_marked(args.ko)
    elif args.msra:
        sentences = read_msra(args.msra, args.every)
    else:
        parser.error("--ko or --msra")
    predicted = tag(args.binary, sentences)
    counts = Counter()
    shown = 0
    for (text, gold), found in zip(sentences, predicted):
        for kind in ("PER", "LOC", "ORG"):
            g = {s for s in gold if s[2] == kind}
            p = {s for s in found if s[2] == kind}
            counts[kind, "gold"] += len(g)
            counts[kind, "found"] += len(p)
            counts[kind, "correct"] += len(g & p)
        if gold != found and shown < args.errors:
            shown += 1
            raw = text.encode()
            print("  text:", text)
            print("  missed:", [(raw[b:e].decode(), k) for b, e, k in sorted(gold - found)])
            print("  wrong: ", [(raw[b:e].decode(), k) for b, e, k in sorted(found - gold)])

    def prf(kinds):
        g = sum(counts[k, "gold"] for k in kinds)
        f = sum(counts[k, "found"] for k in kinds)
        c = sum(counts[k, "correct"] for k in kinds)
        p = 100 * c / f if f else 0
        r = 100 * c / g if g else 0
        return p, r, (2 * p * r / (p + r) if p + r else 0), g

    print(f"{len(sentences)} sentences")
    for kinds, label in ((("PER",), "PER"), (("LOC",), "LOC"), (("ORG",), "ORG"), (("PER", "LOC", "ORG"), "all")):
        p, r, f, g = prf(kinds)
        print(f"{label:4} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}  ({g} gold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
