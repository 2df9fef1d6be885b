#!/usr/bin/env python3
"""Checks labels.jsonl (hand-labelled PER/ORG/LOC spans in Reuters-21578 sentences) against the stories.

Usage: check_labels.py [REUTERS_DIR]     (default: ../shared/data/reuters21578)

Converts the stories with tests/bench/reuters_to_jsonl.py into a temporary directory (deleted afterwards), then checks
every line of labels.jsonl:
  - the story exists; the sentence offsets lie inside its "text" and the sentence is trimmed (no white space at
    either end); a story's sentences are in order and do not overlap; no sentence is listed twice;
  - every entity has type PER, ORG or LOC, lies inside its sentence, and "text" equals text[start:end];
  - entities do not overlap;
  - spans are trimmed: no white space at either end, no leading punctuation, no trailing punctuation except the closing
    period of an abbreviation ("Co.", "Inc.", "Jr.", "N.J.", "U.S."); no leading "the"/"The", no trailing "'s".
Prints the counts per type and exits 1 on any error. The story text is read from ../shared and never written into the
project.
"""
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TYPES = ("PER", "ORG", "LOC")
# Abbreviations whose closing period may end a span (a span ending in an initialism such as "N.J." is allowed too).
ABBREVIATIONS = {"co", "corp", "inc", "ltd", "plc", "bros", "jr", "sr", "st", "mt", "ft", "cos", "assn", "dept",
                 "ky", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "la",
                 "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex",
                 "va", "vt", "wash", "wis", "wyo"}
OPENING_PUNCT = set("\"'()[]{}<>.,;:!?-/&")
CLOSING_PUNCT = set("\"'()[]{}<>.,;:!?-/&")


def load_stories(data: Path) -> dict:
    converter = ROOT / "tests" / "bench" / "reuters_to_jsonl.py"
    with tempfile.TemporaryDirectory(prefix="reuters_ner_check_") as tmp:
        out = Path(tmp) / "reuters.jsonl"
        subprocess.run([sys.executable, str(converter), str(data), str(out)], check=True,
                       stderr=subprocess.DEVNULL)
        stories = {}
        with open(out, encoding="utf-8") as handle:
            for line in handle:
                story = json.loads(line)
                stories[story["id"]] = story["text"]
    return stories


def span_problem(span: str) -> str:
    """Why an entity surface is not trimmed, or "" if it is."""
    if not span or span != span.strip():
        return "white space at an end"
    if span[0] in OPENING_PUNCT:
        return "leading punctuation"
    if re.match(r"(?i)the\s", span):
        return "leading 'the'"
    if re.search(r"'s$", span):
        return "trailing possessive 's"
    if span[-1] in CLOSING_PUNCT:
        if span[-1] != ".":
            return "trailing punctuation"
        last = re.split(r"\s+", span)[-1]
        if not (re.fullmatch(r"(?:[A-Za-z]\.){2,}", last) or last[:-1].lower() in ABBREVIATIONS):
            return "trailing period that does not close an abbreviation"
    return ""


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "reuters21578"
    if not any(data.glob("reut2-*.sgm")):
        print(f"check_labels: no Reuters-21578 files in {data}; nothing checked", file=sys.stderr)
        return 2
    stories = load_stories(data)

    errors = []
    counts = collections.Counter()
    sentences_per_story = collections.defaultdict(list)
    labels_path = HERE / "labels.jsonl"
    lines = [line for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        label = json.loads(line)
        where = f"line {number} ({label.get('story')} {label.get('start')}-{label.get('end')})"
        if set(label) != {"story", "start", "end", "entities"}:
            errors.append(f"{where}: keys must be story, start, end, entities")
            continue
        text = stories.get(label["story"])
        if text is None:
            errors.append(f"{where}: no such story")
            continue
        start, end = label["start"], label["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"{where}: sentence offsets outside the text")
            continue
        sentence = text[start:end]
        if sentence != sentence.strip():
            errors.append(f"{where}: sentence has white space at an end")
        sentences_per_story[label["story"]].append((start, end, number))

        previous_end = start
        for entity in label["entities"]:
            e_where = f"{where} entity {entity.get('text')!r}"
            if set(entity) != {"start", "end", "type", "text"}:
                errors.append(f"{e_where}: keys must be start, end, type, text")
                continue
            e_start, e_end = entity["start"], entity["end"]
            if entity["type"] not in TYPES:
                errors.append(f"{e_where}: type {entity['type']!r} not in {TYPES}")
            if not (isinstance(e_start, int) and isinstance(e_end, int) and start <= e_start < e_end <= end):
                errors.append(f"{e_where}: span {e_start}-{e_end} not inside the sentence")
                continue
            if text[e_start:e_end] != entity["text"]:
                errors.append(f"{e_where}: text[{e_start}:{e_end}] is {text[e_start:e_end]!r}")
            if e_start < previous_end:
                errors.append(f"{e_where}: overlaps or precedes the previous entity (entities are listed in text order)")
            previous_end = max(previous_end, e_end)
            problem = span_problem(text[e_start:e_end])
            if problem:
                errors.append(f"{e_where}: {problem}")
            # A span must not cut a word in two.
            if (e_start > 0 and text[e_start - 1].isalnum()) or (e_end < len(text) and text[e_end].isalnum()):
                errors.append(f"{e_where}: span cuts a word")
            counts[entity["type"]] += 1

    for story, spans in sentences_per_story.items():
        spans.sort()
        for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:]):
            if s2 < e1:
                errors.append(f"{story}: sentences on lines {n1} and {n2} overlap or repeat")

    for error in errors:
        print(error, file=sys.stderr)
    total = sum(counts.values())
    print(f"stories {len(sentences_per_story)}, sentences {len(lines)}, entities {total}: "
          + ", ".join(f"{kind} {counts[kind]}" for kind in TYPES))
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
