#!/usr/bin/env python3
"""Validate the Korean/Chinese meeting evaluation set and print its make-up.

Usage: check_set.py [FILE]        (default: ko_zh.jsonl next to this script)

Checks every line: valid JSON object; required keys and types; id unique and prefixed by its language; ISO dates
(article dates within 2025-06-01..2026-02-28); status and mode from the allowed sets; every participant (and every
non-empty place) occurs verbatim in the text; no title words inside participants; at least two participants per
meeting and three for mode "multilateral"; "negated" only with an empty meeting list; held meetings not after the
article date, planned ones not before it; at most two sentences per text. Then prints counts per language, status,
mode and category. Exits 1 if any line fails.
"""
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

REQUIRED = {"id": str, "lang": str, "article_date": str, "text": str, "meetings": list}
OPTIONAL = {"category": str, "negated": bool}
MEETING_KEYS = {"participants": list, "status": str, "mode": str, "date": str, "place": str}
STATUSES = {"held", "planned", "cancelled"}
MODES = {"", "phone", "video", "visit", "multilateral", "third-party"}
LANGS = {"ko", "zh"}
CATEGORIES = {"plain", "title-order", "phone", "video", "visit", "reception", "planned", "negated", "cancelled",
              "multilateral", "third-party", "noun", "coordination", "hard-negative"}
FIRST, LAST = date(2025, 6, 1), date(2026, 2, 28)
# Titles that must not be part of a participant's surface form.
TITLE_WORDS = ["대통령", "장관", "총리", "주석", "위원장", "차관", "대사", "외교부장", "국무장관",
               "总统", "主席", "总理", "部长", "外长", "大使", "首相", "副总理", "国务卿"]
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")
MIN_HARD_NEGATIVES = 15


def iso(value):
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def check_meeting(m, text, article_day, where, errors):
    if not isinstance(m, dict):
        errors.append(f"{where}: meeting is not an object")
        return
    for key, kind in MEETING_KEYS.items():
        if key not in m:
            errors.append(f"{where}: meeting lacks '{key}'")
        elif not isinstance(m[key], kind):
            errors.append(f"{where}: meeting '{key}' is not a {kind.__name__}")
    extra = set(m) - set(MEETING_KEYS)
    if extra:
        errors.append(f"{where}: unknown meeting keys {sorted(extra)}")
    if any(key not in m or not isinstance(m[key], MEETING_KEYS[key]) for key in MEETING_KEYS):
        return
    people = m["participants"]
    if len(people) < 2:
        errors.append(f"{where}: fewer than two participants")
    if len(set(people)) != len(people):
        errors.append(f"{where}: repeated participant")
    for p in people:
        if not isinstance(p, str) or not p.strip() or p != p.strip():
            errors.append(f"{where}: bad participant {p!r}")
            continue
        if p not in text:
            errors.append(f"{where}: participant {p!r} not in text")
        for title in TITLE_WORDS:
            if title in p:
                errors.append(f"{where}: participant {p!r} contains title {title!r}")
    if m["status"] not in STATUSES:
        errors.append(f"{where}: bad status {m['status']!r}")
    if m["mode"] not in MODES:
        errors.append(f"{where}: bad mode {m['mode']!r}")
    if m["mode"] == "multilateral" and len(people) < 3:
        errors.append(f"{where}: multilateral with fewer than three participants")
    if m["place"] and m["place"] not in text:
        errors.append(f"{where}: place {m['place']!r} not in text")
    day = iso(m["date"])
    if day is None:
        errors.append(f"{where}: meeting date {m['date']!r} is not ISO")
    elif article_day is not None:
        if m["status"] == "held" and day > article_day:
            errors.append(f"{where}: held meeting dated after the article")
        if m["status"] == "planned" and day < article_day:
            errors.append(f"{where}: planned meeting dated before the article")


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "ko_zh.jsonl"
    errors, records, seen = [], [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            errors.append(f"{where}: blank line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: invalid JSON ({e})")
            continue
        if not isinstance(obj, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        bad = False
        for key, kind in REQUIRED.items():
            if key not in obj:
                errors.append(f"{where}: missing '{key}'")
                bad = True
            elif not isinstance(obj[key], kind):
                errors.append(f"{where}: '{key}' is not a {kind.__name__}")
                bad = True
        for key, kind in OPTIONAL.items():
            if key in obj and not isinstance(obj[key], kind):
                errors.append(f"{where}: '{key}' is not a {kind.__name__}")
                bad = True
        extra = set(obj) - set(REQUIRED) - set(OPTIONAL)
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        if bad:
            continue
        where = f"{where} ({obj['id']})"
        if obj["id"] in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(obj["id"])
        if obj["lang"] not in LANGS:
            errors.append(f"{where}: bad lang {obj['lang']!r}")
        elif not re.fullmatch(re.escape(obj["lang"]) + r"-\d{3}", obj["id"]):
            errors.append(f"{where}: id does not match lang")
        if "category" in obj and obj["category"] not in CATEGORIES:
            errors.append(f"{where}: bad category {obj['category']!r}")
        article_day = iso(obj["article_date"])
        if article_day is None:
            errors.append(f"{where}: article_date {obj['article_date']!r} is not ISO")
        elif not FIRST <= article_day <= LAST:
            errors.append(f"{where}: article_date outside {FIRST}..{LAST}")
        text = obj["text"]
        if not text.strip():
            errors.append(f"{where}: empty text")
        if len(SENTENCE_END.findall(text)) > 2:
            errors.append(f"{where}: more than two sentences")
        if obj.get("negated") and obj["meetings"]:
            errors.append(f"{where}: negated but has meetings")
        if obj.get("category") == "hard-negative" and obj["meetings"]:
            errors.append(f"{where}: hard negative with meetings")
        for i, m in enumerate(obj["meetings"], 1):
            check_meeting(m, text, article_day, f"{where} meeting {i}", errors)
        records.append(obj)

    by_lang = Counter(r["lang"] for r in records)
    for lang in sorted(LANGS):
        rows = [r for r in records if r["lang"] == lang]
        meetings = [m for r in rows for m in r["meetings"] if isinstance(m, dict)]
        status = Counter(m.get("status") for m in meetings)
        mode = Counter(m.get("mode") or '""' for m in meetings)
        category = Counter(r.get("category", "?") for r in rows)
        negated = sum(1 for r in rows if r.get("negated"))
        hard = sum(1 for r in rows if not r["meetings"] and not r.get("negated"))
        print(f"{lang}: {by_lang[lang]} sentences, {len(meetings)} meetings, "
              f"{negated} negated, {hard} without any meeting (hard negatives)")
        print("  status:   " + ", ".join(f"{k} {v}" for k, v in sorted(status.items())))
        print("  mode:     " + ", ".join(f"{k} {v}" for k, v in sorted(mode.items())))
        print("  category: " + ", ".join(f"{k} {v}" for k, v in sorted(category.items())))
        if hard < MIN_HARD_NEGATIVES:
            errors.append(f"{lang}: only {hard} hard negatives (want at least {MIN_HARD_NEGATIVES})")
    print(f"total: {len(records)} sentences")
    for e in errors:
        print("error: " + e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
