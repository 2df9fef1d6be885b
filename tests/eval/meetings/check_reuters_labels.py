#!/usr/bin/env python3
"""Checks reuters_labels.jsonl (the hand-labelled meeting sentences) against the Reuters-21578 stories.

Usage: check_reuters_labels.py [REUTERS_DIR]     (default: ../shared/data/reuters21578)

For every label: the story exists, its sentence_start occurs in the story (whitespace folded, as the SGML breaks
lines inside sentences), no two labels share a story and sentence_start, every participant string occurs in the
story's title or text, statuses and modes are from the schema, negated labels have no meetings, multilateral events
list three or more participants. Prints the counts; exits 1 on any error. The story text is read from ../shared and
never written anywhere.
"""
import collections
import importlib.util
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
STATUSES = {"held", "planned", "cancelled"}
MODES = {"", "phone", "video", "visit", "multilateral", "third-party"}


def load_converter():
    spec = importlib.util.spec_from_file_location("reuters_to_jsonl", ROOT / "tests" / "bench" / "reuters_to_jsonl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fold(text):
    return re.sub(r"\s+", " ", text).strip()


def main():
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "reuters21578"
    converter = load_converter()
    stories = {}
    for path in sorted(data.glob("reut2-*.sgm")):
        for match in converter.STORY.finditer(path.read_bytes()):
            story = match.group(2)
            stories["reuters-" + match.group(1).decode()] = fold(
                converter.field(story, "TITLE") + " " + converter.field(story, "BODY"))
    if not stories:
        print(f"check_reuters_labels: no stories in {data}", file=sys.stderr)
        return 2

    errors, seen, counts = [], set(), collections.Counter()
    labels = [json.loads(line) for line in (HERE / "reuters_labels.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    for number, label in enumerate(labels, 1):
        where = f"line {number} ({label.get('story')})"
        text = stories.get(label.get("story"))
        if text is None:
            errors.append(f"{where}: no such story")
            continue
        start = fold(label.get("sentence_start", ""))
        if len(start.split()) < 3 or start not in text:
            errors.append(f"{where}: sentence_start not in story: {start!r}")
        if (label["story"], start) in seen:
            errors.append(f"{where}: duplicate sentence_start")
        seen.add((label["story"], start))
        meetings = label.get("meetings")
        if not isinstance(meetings, list):
            errors.append(f"{where}: meetings is not a list")
            continue
        if label.get("negated") and meetings:
            errors.append(f"{where}: negated label with meetings")
        for meeting in meetings:
            participants = meeting.get("participants", [])
            if meeting.get("status") not in STATUSES or meeting.get("mode") not in MODES:
                errors.append(f"{where}: bad status or mode in {meeting}")
            if len(participants) < 2 or len(set(participants)) != len(participants):
                errors.append(f"{where}: participants must be two or more distinct names: {participants}")
            if meeting.get("mode") == "multilateral" and len(participants) < 3:
                errors.append(f"{where}: multilateral with fewer than three participants")
            for name in participants:
                if fold(name) not in text:
                    errors.append(f"{where}: participant not in story: {name!r}")
            counts["event " + meeting.get("status", "?")] += 1
            counts["mode " + (meeting.get("mode") or "(none)")] += 1
        if label.get("negated"):
            counts["sentences negated"] += 1
        elif not meetings:
            counts["sentences without meeting"] += 1
        for status in sorted({m.get("status") for m in meetings}):
            counts[f"sentences with {status}"] += 1

    print(f"{len(labels)} sentences from {len({label['story'] for label in labels})} stories")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    for error in errors:
        print("ERROR " + error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
