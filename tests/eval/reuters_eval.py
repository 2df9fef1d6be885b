#!/usr/bin/env python3
"""Document-level precision and recall of Dateline's entities against Reuters-21578's gold PLACES, PEOPLE and ORGS.

Usage: reuters_eval.py DATELINE_INDEX [REUTERS_DIR]     (default: ../shared/data/reuters21578)

Each story (title and body) is tagged with `dateline-index tag --articles`. Per story and type:
  places: gold = the story's PLACES mapped to country ids; found = countries mentioned (directly, by demonym or
          capital) plus the countries of places mentioned.
  orgs:   gold = ORGS labels mapped to knowledge-base organisations; found = organisations whose id is one a label
          maps to (Reuters labels only international bodies, so other organisations are neither right nor wrong).
  people: gold = PEOPLE labels (surnames, or full names with hyphens); found = people whose surname matches any label
          in Reuters' PEOPLE vocabulary (the same restriction, for the same reason).
Only stories with at least one gold label of a type count for that type's recall; precision is over the same
stories. Labels that map to nothing are reported and left out.
"""
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-‐.'’]+", "", text.casefold())


def load_kb():
    by_key = {}
    for name in ("countries", "organizations"):
        for line in (ROOT / "common" / "kb" / "generated" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            entity = json.loads(line)
            for text in [entity["name"]] + entity.get("aliases", []):
                by_key.setdefault((entity["type"], fold(text)), entity["id"])
    return by_key


def load_overrides():
    overrides = {}
    for line in (HERE / "reuters_labels.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, kind, entity_id = line.split("#")[0].split("\t")[:3]
        overrides[(kind, label.strip())] = entity_id.strip()
    return overrides


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    tagger = sys.argv[1]
    data = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "data" / "reuters21578"
    if not data.is_dir():
        print(f"reuters_eval: skipped: {data} not found (Reuters-21578 lives in ../shared/data)", file=sys.stderr)
        return 0
    kb, overrides = load_kb(), load_overrides()
    unmapped = Counter()

    def map_label(label, kind):
        if (kind, label) in overrides:
            return overrides[(kind, label)]
        found = kb.get((kind, fold(label.replace("-", " "))))
        if found is None:
            unmapped[(kind, label)] += 1
        return found

    people_vocabulary = {l.strip().split("-")[-1] for l in (data / "all-people-strings.lc.txt").read_text().split()}
    org_vocabulary = {map_label(l.strip(), "org") for l in (data / "all-orgs-strings.lc.txt").read_text().split()}
    org_vocabulary.discard(None)
    unmapped.clear()

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "reuters.jsonl"
        subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "reuters_to_jsonl.py"), str(data), str(jsonl)],
                       check=True, stderr=subprocess.DEVNULL)
        stories = {}
        for line in jsonl.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            stories[record["id"]] = record
        result = subprocess.run([tagger, "tag", "--articles", str(jsonl)], capture_output=True, text=True, check=True)
    place_country = {}
    for line in (ROOT / "common" / "kb" / "generated" / "places.jsonl").read_text(encoding="utf-8").splitlines():
        place = json.loads(line)
        if place.get("country"):
            place_country[place["id"]] = place["country"]

    totals = {kind: Counter() for kind in ("places", "orgs", "people")}
    for line in result.stdout.splitlines():
        tagged = json.loads(line)
        story = stories[tagged["id"]]
        countries = {e["id"] for e in tagged["entities"] if e["type"] == "country"}
        countries |= {place_country[e["id"]] for e in tagged["entities"] if e["type"] == "place" and e["id"] in place_country}
        orgs = {e["id"] for e in tagged["entities"] if e["type"] == "org" and e["id"] in org_vocabulary}
        people = {fold(e["name"].split()[-1]) for e in tagged["entities"] if e["type"] == "person"}
        people &= {fold(p) for p in people_vocabulary}
        gold = {
            "places": {m for m in (map_label(l, "country") for l in story["places"]) if m},
            "orgs": {m for m in (map_label(l, "org") for l in story["orgs"]) if m},
            "people": {fold(l.split("-")[-1]) for l in story["people"]},
        }
        found = {"places": countries, "orgs": orgs, "people": people}
        for kind in totals:
            if not gold[kind]:
                continue
            totals[kind]["stories"] += 1
            totals[kind]["gold"] += len(gold[kind])
            totals[kind]["found"] += len(found[kind])
            totals[kind]["correct"] += len(gold[kind] & found[kind])
    print(f"Reuters-21578: {len(stories)} stories; document-level, per type, over stories with gold labels of the type")
    print("| type | stories | precision | recall | gold labels | found |")
    print("|---|---|---|---|---|---|")
    for kind, t in totals.items():
        precision = t["correct"] / t["found"] if t["found"] else 0
        recall = t["correct"] / t["gold"] if t["gold"] else 0
        print(f"| {kind} | {t['stories']} | {100 * precision:.1f} | {100 * recall:.1f} | {t['gold']} | {t['found']} |")
    if unmapped:
        top = ", ".join(f"{label} ({count})" for (kind, label), count in unmapped.most_common(12))
        print(f"\nGold labels with no Dateline id, left out ({sum(unmapped.values())} in all): {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
