#!/usr/bin/env python3
"""Generates a large corpus for benchmarks by recombining real sentences with shifted dates.

Usage: generate_corpus.py REUTERS_JSONL N OUT.jsonl [SEED]

REUTERS_JSONL is the output of reuters_to_jsonl.py. Each generated article takes its title from one story and 3 to
8 sentences from random stories, and a date spread uniformly over 2020-2026, so that entity timelines and graphs
have the shape of real news at any size. Written as it goes: memory is the sentence pool, not the output.
"""
import datetime
import json
import random
import re
import sys


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    source, count, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1987)
    titles, sentences = [], []
    with open(source, encoding="utf-8") as stories:
        for line in stories:
            story = json.loads(line)
            if story.get("title"):
                titles.append(story["title"].title())
            text = re.sub(r"\s+", " ", story.get("text", ""))
            sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if 40 <= len(s) <= 400]
    start = datetime.date(2020, 1, 1)
    days = (datetime.date(2026, 12, 31) - start).days
    with open(out_path, "w", encoding="utf-8") as out:
        for n in range(count):
            body = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 8)))
            date = start + datetime.timedelta(days=rng.randrange(days))
            out.write(json.dumps({"id": f"gen-{n}", "title": rng.choice(titles), "date": date.isoformat(),
                                  "source": rng.choice(["Wire A", "Wire B", "Wire C"]), "text": body}) + "\n")
    print(f"generate_corpus: {count} articles from {len(sentences)} sentences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
