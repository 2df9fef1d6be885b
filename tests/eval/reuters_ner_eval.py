#!/usr/bin/env python3
"""Span-level precision, recall and F1 (PER, LOC, ORG) of Dateline's tagger on Reuters-21578 sentences the project
labelled (tests/eval/reuters_ner/labels.jsonl; the stories are read from ../shared, never copied).

Usage: reuters_ner_eval.py DATELINE_INDEX [--reuters DIR] [--errors N]

Each labelled story is tagged whole with `dateline-index tag --articles` (title, blank line, text, as the indexer
reads it); mentions inside the labelled sentences are scored. Nested mentions are left out (the gold is flat);
countries and places are LOC; demonyms ("how": "demonym") are nationalities, MISC in CoNLL's terms, and left out. Reported twice: exact spans, and spans trimmed of a leading "the " and a trailing
possessive, as conlleval would see them after the usual newswire clean-up.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TYPES = {"person": "PER", "country": "LOC", "place": "LOC", "org": "ORG"}


def trim(text, begin, end):
    surface = text[begin:end]
    if surface.lower().startswith("the "):
        begin += 4
    for ending in ("'s", "\u2019s"):
        if text[begin:end].endswith(ending):
            end -= len(ending)
    return begin, end


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--reuters", default=str(ROOT.parent / "shared" / "data" / "reuters21578"))
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    if not Path(args.reuters).is_dir():
        print(f"reuters_ner_eval: {args.reuters} not found; skipping", file=sys.stderr)
        return 0
    labels = [json.loads(l) for l in (HERE / "reuters_ner" / "labels.jsonl").read_text().splitlines() if l.strip()]
    wanted = {l["story"] for l in labels}
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "reuters.jsonl"
        subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "reuters_to_jsonl.py"), args.reuters, str(out)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stories = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            if story["id"] in wanted:
                stories[story["id"]] = story
    articles = "".join(json.dumps({"id": s["id"], "title": s["title"], "date": s["date"], "text": s["text"]},
                                  ensure_ascii=False) + "\n" for s in stories.values())
    run = subprocess.run([args.binary, "tag", "--articles"], input=articles.encode(), capture_output=True, check=True)
    predicted = {}
    for line in run.stdout.decode().splitlines():
        article = json.loads(line)
        story = stories[article["id"]]
        full = (story["title"] + "\n\n" + story["text"]).encode()
        shift = len((story["title"] + "\n\n").encode())
        spans = []
        for m in sorted(article["mentions"], key=lambda m: (m["begin"], -m["end"])):
            if m["how"] == "demonym":
                continue  # "Japanese": a nationality, MISC in CoNLL's terms, not a place
            # byte offsets in title + text -> character offsets in text
            b = len(full[shift:m["begin"]].decode(errors="replace")) if m["begin"] >= shift else -1
            e = len(full[shift:m["end"]].decode(errors="replace")) if m["end"] >= shift else -1
            spans.append((b, e, TYPES[m["type"]]))
        flat, outer_end = [], -1
        for b, e, t in spans:
            if b >= 0 and b >= outer_end:
                flat.append((b, e, t))
                outer_end = e
        predicted[article["id"]] = flat
    counts = {mode: Counter() for mode in ("exact", "trimmed")}
    shown = 0
    for label in labels:
        text = stories[label["story"]]["text"]
        gold = {(e["start"], e["end"], e["type"]) for e in label["entities"]}
        found = {p for p in predicted.get(label["story"], []) if p[0] >= label["start"] and p[1] <= label["end"]}
        trimmed = {(*trim(text, b, e), t) for b, e, t in found}
        for mode, pred in (("exact", found), ("trimmed", trimmed)):
            for kind in ("PER", "LOC", "ORG"):
                g = {s for s in gold if s[2] == kind}
                p = {s for s in pred if s[2] == kind}
                counts[mode][kind, "gold"] += len(g)
                counts[mode][kind, "found"] += len(p)
                counts[mode][kind, "correct"] += len(g & p)
        if gold != trimmed and shown < args.errors:
            shown += 1
            print(" ", " ".join(text[label["start"]:label["end"]].split())[:200])
            print("    missed:", [(text[b:e], t) for b, e, t in sorted(gold - trimmed)])
            print("    wrong: ", [(text[b:e], t) for b, e, t in sorted(trimmed - gold)])
    print(f"{len(labels)} sentences of {len(stories)} Reuters-21578 stories")
    for mode in ("exact", "trimmed"):
        c = counts[mode]
        parts = []
        for kinds, name in ((("PER",), "PER"), (("LOC",), "LOC"), (("ORG",), "ORG"), (("PER", "LOC", "ORG"), "all")):
            g = sum(c[k, "gold"] for k in kinds)
            f = sum(c[k, "found"] for k in kinds)
            r = sum(c[k, "correct"] for k in kinds)
            p_, r_ = (100 * r / f if f else 0), (100 * r / g if g else 0)
            f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0
            parts.append(f"{name} {f1:.1f}" if name != "all" else f"all P {p_:.1f} R {r_:.1f} F1 {f1:.1f}")
        print(f"{mode:8} " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
