#!/usr/bin/env python3
"""The yardstick for geopol's indexed views: the same question asked of the same SQLite file with Python's
own sqlite3 and json, and the records printed as JSON, with no model, no view and no table.

    python benchmarks/sqlite_reference.py INDEX timeline-country kazakhstan
    python benchmarks/sqlite_reference.py INDEX timeline
    python benchmarks/sqlite_reference.py INDEX benefits
    python benchmarks/sqlite_reference.py INDEX search oil

INDEX is the index geopol keeps for a base (facts/store.py; `geopol` builds it on the first view of a
large base). Standard library only.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter


def main() -> int:
    index, question, *words = sys.argv[1:]
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    if question == "timeline-country":
        rows = db.execute(
            "SELECT json FROM records WHERE section = 'events' AND ord IN "
            "(SELECT ord FROM involves WHERE section = 'events' AND actor = ?) ORDER BY ord",
            (words[0],),
        )
        out: object = sorted((json.loads(r[0]) for r in rows), key=lambda e: (e["date"].get("start") or "", e["id"]))
    elif question == "timeline":
        rows = db.execute("SELECT json FROM records WHERE section = 'events' ORDER BY ord")
        out = sorted((json.loads(r[0]) for r in rows), key=lambda e: (e["date"].get("start") or "", e["id"]))
    elif question == "benefits":
        tally: dict[str, Counter[str]] = {"beneficiaries": Counter(), "losers": Counter()}
        rows = db.execute(
            "SELECT json FROM records WHERE (section = 'events' AND ord IN (SELECT ord FROM events WHERE stakes)) "
            "OR (section = 'claims' AND ord IN (SELECT ord FROM claims WHERE stakes))"
        )
        for (text,) in rows:
            record = json.loads(text)
            for side, counts in tally.items():
                for stake in record.get(side, []):
                    counts[stake["actor"]] += 1
        out = {side: counts.most_common() for side, counts in tally.items()}
    elif question == "search":
        match = " AND ".join(f'"{w.casefold()}"*' for w in words)
        rows = db.execute(
            "SELECT r.json FROM words w JOIN records r ON r.section = w.section AND r.ord = w.ord WHERE words MATCH ?",
            (match,),
        )
        out = [json.loads(r[0]) for r in rows]
    else:
        print(f"sqlite_reference: no question {question!r}", file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
