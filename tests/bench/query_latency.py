#!/usr/bin/env python3
"""Query latency, p50 and p95, of dateline-query against SQLite answering the same question, in the same run.

Usage: query_latency.py DATELINE_QUERY DB PEER_SQLITE RUNS

PEER_SQLITE holds `articles(id, date)`, `mentions(article_id, entity, mentions)` (Dateline's own tags, indexed) and
`fts(id, title, text)` (FTS5, porter). Each query type runs over a set of instances (the 20 most frequent entities;
the 10 most frequent people for `met`; 20 two-word searches), each RUNS times; latencies are whole commands,
process start included, on both sides (the SQLite side is the sqlite3 shell). Prints a Markdown table.
"""
import json
import statistics
import subprocess
import sys
import time

SEARCHES = ["oil prices", "interest rates", "central bank", "trade deficit", "stock market", "crude oil",
            "wheat exports", "net profit", "share offer", "money supply", "coffee quota", "bank loans",
            "dollar yen", "steel output", "gold mine", "budget deficit", "tax reform", "grain imports",
            "merger talks", "bond issue"]


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main():
    query, db, peer, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    top = json.loads(subprocess.run([query, "--db", db, "entities", "--limit", "20", "--format", "json"],
                                    capture_output=True, text=True, check=True).stdout)
    people = json.loads(subprocess.run([query, "--db", db, "entities", "--type", "person", "--limit", "10",
                                        "--format", "json"], capture_output=True, text=True, check=True).stdout)
    key = lambda e: f"{e['type']}:{e['id']}".replace("'", "''")
    kinds = [
        ("search, 10 ranked hits", "FTS5 MATCH, 10 by rank",
         [([query, "--db", db, "search", s, "--limit", "10", "--format", "json"],
           ["sqlite3", peer, f"SELECT id, snippet(fts, 2, '[', ']', '...', 12) FROM fts WHERE fts MATCH '{s}' ORDER BY rank LIMIT 10;"])
          for s in SEARCHES]),
        ("entities co-mentioned with an entity, top 20", "self-join over mentions, GROUP BY",
         [([query, "--db", db, "entities", "--entity", e["id"], "--limit", "20", "--format", "json"],
           ["sqlite3", peer, f"SELECT m2.entity, count(*) FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id "
                             f"WHERE m1.entity = '{key(e)}' GROUP BY m2.entity ORDER BY 2 DESC LIMIT 20;"]) for e in top]),
        ("timeline by month", "JOIN articles, GROUP BY month",
         [([query, "--db", db, "timeline", e["id"], "--by", "month", "--format", "csv"],
           ["sqlite3", peer, f"SELECT substr(a.date, 1, 7), count(*), sum(m.mentions) FROM mentions m JOIN articles a "
                             f"ON a.id = m.article_id WHERE m.entity = '{key(e)}' GROUP BY 1 ORDER BY 1;"]) for e in top]),
        ("ego graph (depth 1: every edge among the entities of the ego's articles)",
         "three-way self-join over mentions, GROUP BY pair",
         [([query, "--db", db, "graph", e["id"], "--format", "csv"],
           ["sqlite3", peer, f"SELECT a.entity, b.entity, count(*) FROM mentions x "
                             f"JOIN mentions a ON a.article_id = x.article_id "
                             f"JOIN mentions b ON b.article_id = x.article_id AND a.entity < b.entity "
                             f"WHERE x.entity = '{key(e)}' GROUP BY 1, 2;"]) for e in top]),
        ("ego star (the ego's own edges, top 50 nodes)", "self-join over mentions, GROUP BY neighbour",
         [([query, "--db", db, "graph", e["id"], "--top", "50", "--format", "csv"],
           ["sqlite3", peer, f"SELECT m2.entity, count(*) FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id "
                             f"AND m2.entity <> m1.entity WHERE m1.entity = '{key(e)}' GROUP BY m2.entity ORDER BY 2 DESC LIMIT 50;"]) for e in top]),
        ("met: who met a person, with evidence", "people co-mentioned with the person (no meeting detection)",
         [([query, "--db", db, "met", e["id"], "--format", "json"],
           ["sqlite3", peer, f"SELECT m2.entity, count(*) FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id "
                             f"AND m2.entity <> m1.entity WHERE m1.entity = '{key(e)}' AND m2.entity LIKE 'person:%' "
                             f"GROUP BY m2.entity ORDER BY 2 DESC;"]) for e in people]),
    ]
    start_ms = statistics.median(timed([query, "--version"]) for _ in range(10))
    print(f"Latency over every instance x {runs} runs, whole commands including process start "
          f"(dateline-query --version alone: {start_ms:.1f} ms).")
    print()
    print("| query | instances | Dateline p50 / p95 (ms) | SQLite peer | SQLite p50 / p95 (ms) | ratio SQLite / Dateline at p50 |")
    print("|---|---|---|---|---|---|")
    most_frequent = {}
    for name, peer_name, instances in kinds:
        ours, theirs = [], []
        for dateline_command, sqlite_command in instances:
            for _ in range(runs):
                ours.append(timed(dateline_command))
                theirs.append(timed(sqlite_command))
        p50, p95 = percentile(ours, 50), percentile(ours, 95)
        s50, s95 = percentile(theirs, 50), percentile(theirs, 95)
        print(f"| {name} | {len(instances)} | {p50:.0f} / {p95:.0f} | {peer_name} | {s50:.0f} / {s95:.0f} | {s50 / p50:.1f}x |")
        if name != "search, 10 ranked hits" and name != "met: who met a person, with evidence":
            # The heaviest instance is the most frequent entity, the one the target names.
            most_frequent[name] = (peer_name, instances[0])
    print()
    print(f"The most frequent entity, {top[0]['name']} ({top[0]['type']}:{top[0]['id']}, "
          f"{top[0].get('articles', '?')} articles): medians of {max(runs, 3)} runs.")
    print()
    print("| query | Dateline (ms) | SQLite peer | SQLite (ms) | ratio SQLite / Dateline |")
    print("|---|---|---|---|---|")
    for name, (peer_name, (dateline_command, sqlite_command)) in most_frequent.items():
        ours = statistics.median(timed(dateline_command) for _ in range(max(runs, 3)))
        theirs = statistics.median(timed(sqlite_command) for _ in range(max(runs, 3)))
        print(f"| {name} | {ours:.0f} | {peer_name} | {theirs:.0f} | {theirs / ours:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
