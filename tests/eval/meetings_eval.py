#!/usr/bin/env python3
"""Precision and recall of Dateline's meeting events against the project's labelled sentences.

Usage: meetings_eval.py BUILD_DIR [--set ko_zh|reuters|all] [--reuters DIR] [--errors N]

  ko_zh    tests/eval/meetings/ko_zh.jsonl: Korean and Chinese sentences the project wrote (see its README)
  reuters  tests/eval/meetings/reuters_labels.jsonl: sentences of Reuters-21578 stories the project labelled; the
           stories are read from ../shared/data/reuters21578 (or --reuters), never copied (see REUTERS.md)

The articles are indexed with dateline-index into a temporary database and read back with `dateline-query events`.
Only labelled sentences count. A gold event is found when an event read from the same sentence names at least two
of its participants (all of them when it has two): a name matches when one of the two spellings contains the other
(case, spaces and hyphens ignored). Reported per language:
  held      recall and precision of held meetings (an event reported held is right only if a held gold event
            matches it);
  false held  events reported held where the gold says planned, cancelled, negated or no meeting;
  status    of the gold events found, how many got the right status (held, planned, cancelled);
  modes     per mode, precision and recall among found events.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def norm(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\-‐.'’·]+", "", text)


def names_match(gold, predicted):
    g, p = norm(gold), norm(predicted["surface"])
    n = norm(predicted["name"])
    return bool(g) and (g in p or p in g or g in n or (len(n) > 2 and n in g))


def event_matches(gold, predicted):
    found = sum(1 for g in gold["participants"] if any(names_match(g, p) for p in predicted["participants"]))
    return found >= min(2, len(gold["participants"])) and found >= 2


def collapse(text):
    return " ".join(text.split())


def run(build, articles):
    index = Path(build) / "indexer" / "dateline-index"
    query = Path(build) / "query" / "dateline-query"
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "articles.jsonl"
        source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        db = Path(work) / "db"
        subprocess.run([str(index), "--db", str(db), "--shards", "1", str(source)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = subprocess.run([str(query), "--db", str(db), "events", "--format", "jsonl"], check=True,
                             capture_output=True)
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def ko_zh_cases():
    cases = []
    for line in (HERE / "meetings" / "ko_zh.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        cases.append({"lang": item["lang"], "article": item["id"], "date": item["article_date"], "text": item["text"],
                      "locate": None, "gold": item["meetings"], "negated": item.get("negated", False)})
    articles = [{"id": c["article"], "date": c["date"], "title": "", "text": c["text"]} for c in cases]
    return cases, articles


def reuters_cases(reuters_dir):
    labels = [json.loads(l) for l in (HERE / "meetings" / "reuters_labels.jsonl").read_text().splitlines() if l]
    wanted = {l["story"] for l in labels}
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "reuters.jsonl"
        subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "reuters_to_jsonl.py"), str(reuters_dir),
                        str(out)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stories = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            if story["id"] in wanted:
                stories[story["id"]] = {k: story[k] for k in ("id", "date", "title", "text")}
    cases = [{"lang": "en", "article": l["story"], "text": None, "locate": collapse(l["sentence_start"]),
              "gold": l["meetings"], "negated": l.get("negated", False)} for l in labels if l["story"] in stories]
    return cases, list(stories.values())


def evaluate(cases, events, errors):
    by_article = defaultdict(list)
    for e in events:
        by_article[e["article"]].append(e)
    stats = defaultdict(Counter)
    shown = 0
    for case in cases:
        lang = case["lang"]
        if case["locate"]:
            predicted = [e for e in by_article[case["article"]] if collapse(e["sentence"]).startswith(case["locate"])]
        else:
            predicted = by_article[case["article"]]
        s = stats[lang]
        s["sentences"] += 1
        gold_held = [g for g in case["gold"] if g["status"] == "held"]
        s["gold_held"] += len(gold_held)
        s["gold_events"] += len(case["gold"])
        wrong = []
        for g in case["gold"]:
            match = next((p for p in predicted if event_matches(g, p)), None)
            if match is None:
                wrong.append(("missed", g))
                continue
            s["found"] += 1
            s["status_right"] += match["status"] == g["status"]
            if g["status"] == "held" and match["status"] == "held":
                s["held_found"] += 1
            gm, pm = g.get("mode", ""), match["mode"]
            s[f"mode_gold:{gm}"] += 1
            s[f"mode_pred:{pm}"] += 1
            s[f"mode_right:{gm}"] += gm == pm
        for p in predicted:
            if p["status"] != "held":
                continue
            s["pred_held"] += 1
            if any(event_matches(g, p) and g["status"] == "held" for g in case["gold"]):
                s["pred_held_right"] += 1
            else:
                gold_other = any(event_matches(g, p) for g in case["gold"])
                s["false_held"] += 1
                s["false_held_non_meeting" if not gold_other else "false_held_status"] += 1
                wrong.append(("false held", p))
        if wrong and shown < errors:
            shown += 1
            print(f"[{lang}] {case['article']}: {case['text'] or case['locate']}")
            for kind, item in wrong:
                names = item["participants"] if kind == "missed" else [x["surface"] for x in item["participants"]]
                print(f"    {kind}: {names} {item.get('status')} {item.get('mode', '')}")
    return stats


def report(stats):
    for lang, s in sorted(stats.items()):
        recall = s["held_found"] / s["gold_held"] if s["gold_held"] else 0
        precision = s["pred_held_right"] / s["pred_held"] if s["pred_held"] else 0
        print(f"{lang}: {s['sentences']} sentences, {s['gold_held']} held meetings: recall {recall:.2f}, "
              f"precision {precision:.2f}; false held {s['false_held']} "
              f"({s['false_held_status']} planned/cancelled as held, {s['false_held_non_meeting']} not a meeting); "
              f"status right {s['status_right']}/{s['found']} found of {s['gold_events']} events")
        modes = sorted({k.split(":", 1)[1] for k in s if k.startswith("mode_gold:")} |
                       {k.split(":", 1)[1] for k in s if k.startswith("mode_pred:")})
        parts = []
        for mode in modes:
            g, p, r = s[f"mode_gold:{mode}"], s[f"mode_pred:{mode}"], s[f"mode_right:{mode}"]
            parts.append(f"{mode or '(none)'} P {r / p if p else 0:.2f} R {r / g if g else 0:.2f} ({g})")
        print("    modes: " + "; ".join(parts))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--set", default="all", choices=["ko_zh", "reuters", "all"])
    parser.add_argument("--reuters", default=str(ROOT.parent / "shared" / "data" / "reuters21578"))
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    stats = {}
    if args.set in ("ko_zh", "all"):
        cases, articles = ko_zh_cases()
        stats.update(evaluate(cases, run(args.build, articles), args.errors))
    if args.set in ("reuters", "all"):
        if not Path(args.reuters).is_dir():
            print(f"meetings_eval: skipping Reuters: {args.reuters} not found", file=sys.stderr)
        else:
            cases, articles = reuters_cases(args.reuters)
            stats.update(evaluate(cases, run(args.build, articles), args.errors))
    report(stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
