#!/usr/bin/env python3
"""Converts Reuters-21578 (SGML) into Dateline JSON Lines, and optionally into scriptindex's input format.

Usage: reuters_to_jsonl.py REUTERS_DIR OUT.jsonl [OUT.scriptindex]

Each story becomes {"id": "reuters-NEWID", "date", "title", "source": "Reuters", "text", "places", "people",
"orgs"}; the last three are the gold labels (lists of lower-case strings) for the entity evaluation. Stories with
neither title nor body are left out. The data stays in ../shared: this script reads it, it never copies it into the
project.
"""
import html
import json
import re
import sys
from pathlib import Path

STORY = re.compile(rb"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)


def field(story: bytes, name: str) -> str:
    match = re.search(rb"<" + name.encode() + rb">(.*?)</" + name.encode() + rb">", story, re.S)
    if not match:
        return ""
    # Bytes that are not UTF-8 (reut2-017 has one) are kept as U+FFFD, as a real feed would deliver them.
    text = match.group(1).decode("utf-8", errors="replace")
    text = html.unescape(text)
    return "".join(c for c in text if c in "\n\t" or ord(c) >= 32).strip()


def labels(story: bytes, name: str) -> list:
    block = re.search(rb"<" + name.encode() + rb">(.*?)</" + name.encode() + rb">", story, re.S)
    if not block:
        return []
    return [d.decode("utf-8", errors="replace") for d in re.findall(rb"<D>(.*?)</D>", block.group(1))]


MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def yyyymmdd(reuters_date: str) -> str:
    """26-FEB-1987 15:01:01.79 -> 19870226, the form scriptindex's date=yyyymmdd action reads."""
    match = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", reuters_date)
    if not match or match.group(2) not in MONTHS:
        return ""
    return f"{match.group(3)}{MONTHS[match.group(2)]:02d}{int(match.group(1)):02d}"


def scriptindex_value(name: str, value: str) -> str:
    lines = value.split("\n")
    return name + "=" + lines[0] + "".join("\n=" + line for line in lines[1:]) + "\n"


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    source_dir = Path(sys.argv[1])
    files = sorted(source_dir.glob("reut2-*.sgm"))
    if not files:
        print(f"reuters_to_jsonl: no reut2-*.sgm files in {source_dir}", file=sys.stderr)
        return 2
    stories = 0
    with open(sys.argv[2], "w", encoding="utf-8") as out, \
            (open(sys.argv[3], "w", encoding="utf-8") if len(sys.argv) == 4 else open("/dev/null", "w")) as si:
        for path in files:
            for match in STORY.finditer(path.read_bytes()):
                story = match.group(2)
                title, body = field(story, "TITLE"), field(story, "BODY")
                if not title and not body:
                    continue
                record = {"id": "reuters-" + match.group(1).decode(), "date": field(story, "DATE"),
                          "title": title, "source": "Reuters", "text": body,
                          "places": labels(story, "PLACES"), "people": labels(story, "PEOPLE"),
                          "orgs": labels(story, "ORGS")}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                si.write(scriptindex_value("id", record["id"]) + scriptindex_value("title", title) +
                         scriptindex_value("date", yyyymmdd(record["date"])) + scriptindex_value("text", body) + "\n")
                stories += 1
    print(f"reuters_to_jsonl: {stories} stories from {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
