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
from typing import Any


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
    elif question == "benefits-document":
        out = _benefits_document(db)
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


def _benefits_document(db: sqlite3.Connection) -> Any:
    """The document `geopol benefits --json` writes, made in plain Python from the same rows: each actor's
    evidence (its ids, stated or counterpart), the countries whose moves gave it, the kinds, what it gained
    and the stated words, ranked as geopol ranks them (more stated evidence, then more counterpart, then
    name). The "benefits" question above only counts stakes: a lower bound, not the same query."""
    actors = (json.loads(text) for (text,) in db.execute("SELECT json FROM records WHERE section = 'actors'"))
    names = {actor["id"]: actor["name"] for actor in actors}
    tallies: dict[str, dict[str, Any]] = {"beneficiaries": {}, "losers": {}}
    rows = db.execute(
        "SELECT section, json FROM records WHERE (section = 'events' AND ord IN (SELECT ord FROM events WHERE "
        "stakes)) OR (section = 'claims' AND ord IN (SELECT ord FROM claims WHERE stakes)) ORDER BY section DESC, ord"
    )
    for section, text in rows:
        record = json.loads(text)
        for side, tally in tallies.items():
            for stake in record.get(side, []):
                actor = stake["actor"]
                if actor not in tally:
                    tally[actor] = {"basis": {}, "claims": set(), "from": {}, "domains": {}, "gains": {},
                                    "biggest": False, "stated": []}  # fmt: skip
                t = tally[actor]
                if t["basis"].get(record["id"]) != "stated":
                    t["basis"][record["id"]] = stake["basis"]
                if section == "events":
                    t["from"].update(dict.fromkeys(a for a in record["actors"] if a != actor))
                    t["domains"][record["kind"]] = None
                else:
                    t["claims"].add(record["id"])
                if t["gains"].get(stake["what"]) != "stated":
                    t["gains"][stake["what"]] = stake["basis"]
                t["biggest"] = t["biggest"] or stake.get("biggest", False)
                if stake["basis"] == "stated":
                    cited = (record.get("citations") or [{}])[0].get("source")
                    t["stated"].append({
                        "what": stake["what"], "source": stake.get("source") or cited,
                        "words": stake.get("excerpt") or stake.get("account"), "quoted": "excerpt" in stake,
                        "biggest": stake.get("biggest", False), "record": record["id"],
                    })  # fmt: skip
    document: dict[str, Any] = {"country": None}
    for side, role in (("beneficiaries", "beneficiary"), ("losers", "loser")):

        def key(item: tuple[str, dict[str, Any]]) -> tuple[int, int, str, str]:
            basis = item[1]["basis"]
            stated = sum(b == "stated" for b in basis.values())
            return (-stated, -(len(basis) - stated), names.get(item[0], item[0]).casefold(), item[0])

        entries = []
        for rank, (actor, t) in enumerate(sorted(tallies[side].items(), key=key), start=1):
            basis = t["basis"]
            stated = sum(b == "stated" for b in basis.values())
            events = [i for i in basis if i not in t["claims"]]
            claims = [i for i in basis if i in t["claims"]]
            entries.append({
                "rank": rank, "actor": actor, "name": names.get(actor, actor), "evidence": len(basis),
                "stated": stated, "counterpart": len(basis) - stated, "biggest": t["biggest"],
                "from_countries": [{"id": a, "name": names.get(a, a)} for a in t["from"]],
                "domains": sorted(t["domains"]), "gains": list(t["gains"]), "events": events, "claims": claims,
                "role": role, "gains_inferred": [w for w, b in t["gains"].items() if b == "counterpart"],
                "stated_words": t["stated"], "evidence_ids": [*events, *claims],
            })  # fmt: skip
        document[side] = entries
    document["countries"] = []
    return document


if __name__ == "__main__":
    raise SystemExit(main())
