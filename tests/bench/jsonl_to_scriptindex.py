#!/usr/bin/env python3
"""Converts Dateline JSON Lines (ISO dates) into scriptindex's input, for tests/bench/scriptindex.index.

Usage: jsonl_to_scriptindex.py IN.jsonl OUT.scriptindex
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reuters_to_jsonl import scriptindex_value  # noqa: E402


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as lines, open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            out.write(scriptindex_value("id", record["id"]) + scriptindex_value("title", record.get("title", "")) +
                      scriptindex_value("date", record.get("date", "")[:10].replace("-", "")) +
                      scriptindex_value("text", record.get("text", "")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
