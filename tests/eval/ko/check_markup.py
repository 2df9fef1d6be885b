#!/usr/bin/env python3
"""Check the inline markup of the Korean NER dev set (tests/eval/ko/ner_dev.txt).

Format: one sentence per line, entities written inline as <TYPE:surface>
with TYPE in PER / LOC / ORG; lines starting with '#' are comments.

Checks, per sentence line:
  * every '<' opens a well-formed <TYPE:surface> span and every '>' closes one
    (no unbalanced, nested or unknown-type markup);
  * the surface has no leading/trailing whitespace, does not start or end
    with punctuation and has balanced brackets (catches "<ORG:OECD)>");
  * a span must not contain an unlabelled type-like prefix (nested markup);
  * no blank lines, no tabs, no duplicate sentences.
Reports sentence count, label counts per type, sentences without entities,
and exits 1 on any problem (2 on usage errors).

Usage: check_markup.py [FILE] [--min-per N] [--min-loc N] [--min-org N]
(minimum label counts default to 250 PER, 250 LOC, 200 ORG; pass 0 to disable)
"""
import argparse
import re
import sys
from collections import Counter
from pathlib import Path

SPAN_RE = re.compile(r"<(PER|LOC|ORG):([^<>]+)>")
TYPES = ("PER", "LOC", "ORG")
# A span must not begin or end with punctuation (catches typos such as "<ORG:OECD)>").
EDGE_PUNCT = set("()[]{}\"'“”‘’,.;:!?·/")
PAIRS = (("(", ")"), ("[", "]"), ("“", "”"), ("‘", "’"))


def check_line(line):
    """Return (spans, problems) for one sentence line."""
    problems = []
    spans = []
    pos = 0
    for m in SPAN_RE.finditer(line):
        between = line[pos:m.start()]
        if "<" in between or ">" in between:
            problems.append(f"stray or malformed markup before column {m.start()}: {between!r}")
        surface = m.group(2)
        if surface != surface.strip():
            problems.append(f"surface has leading/trailing space: {m.group(0)!r}")
        if ":" in surface and re.match(r"^[A-Z]+:", surface):
            problems.append(f"looks like nested markup: {m.group(0)!r}")
        if surface[0] in EDGE_PUNCT or surface[-1] in EDGE_PUNCT:
            problems.append(f"surface starts or ends with punctuation: {m.group(0)!r}")
        for o, c in PAIRS:
            if surface.count(o) != surface.count(c):
                problems.append(f"unbalanced {o}{c} inside surface: {m.group(0)!r}")
        spans.append((m.group(1), surface))
        pos = m.end()
    tail = line[pos:]
    if "<" in tail or ">" in tail:
        problems.append(f"stray or malformed markup after last span: {tail!r}")
    # A second, independent test for balance: strip valid spans and look for leftovers.
    stripped = SPAN_RE.sub(lambda m: m.group(2), line)
    if ("<" in stripped or ">" in stripped) and not problems:
        problems.append("unbalanced angle brackets")
    if "\t" in line:
        problems.append("tab character in line")
    return spans, problems


def main(argv=None):
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(here / "ner_dev.txt"))
    ap.add_argument("--min-per", type=int, default=250)
    ap.add_argument("--min-loc", type=int, default=250)
    ap.add_argument("--min-org", type=int, default=200)
    args = ap.parse_args(argv)

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"error: cannot read {path}: {e}", file=sys.stderr)
        return 2

    counts = Counter()
    n_sent = 0
    n_empty = 0
    n_bad = 0
    seen = {}
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if line.startswith("#"):
            continue
        if not line.strip():
            if lineno != len(text.split("\n")):  # allow the final newline
                print(f"{path}:{lineno}: blank line")
                n_bad += 1
            continue
        n_sent += 1
        spans, problems = check_line(line)
        plain = SPAN_RE.sub(lambda m: m.group(2), line)
        if plain in seen:
            problems.append(f"duplicate of line {seen[plain]}")
        else:
            seen[plain] = lineno
        for p in problems:
            print(f"{path}:{lineno}: {p}")
        if problems:
            n_bad += 1
        if not spans:
            n_empty += 1
        counts.update(t for t, _ in spans)

    print(f"sentences: {n_sent}")
    for t in TYPES:
        print(f"{t}: {counts[t]}")
    print(f"total labels: {sum(counts.values())}")
    print(f"sentences without entities: {n_empty}")
    mins = {"PER": args.min_per, "LOC": args.min_loc, "ORG": args.min_org}
    for t, lo in mins.items():
        if counts[t] < lo:
            print(f"problem: {t} count {counts[t]} below minimum {lo}")
            n_bad += 1
    if n_sent == 0:
        print("problem: no sentences")
        n_bad += 1
    if n_bad:
        print(f"FAILED: {n_bad} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
