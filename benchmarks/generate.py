#!/usr/bin/env python3
"""Write a valid synthetic fact base of N events, for timing geopol on large inputs.

    python benchmarks/generate.py 100000 > /tmp/facts-100k.json

The file has the shape of real facts: ~200 country actors plus blocs and
regions (with ISO codes and aliases, Kazakhstan among them), people, sources,
events with dates of every precision (days, months, spans, open starts),
targets, beneficiaries and losers, answers/follows references to earlier
events, and one claim per ten events. The same N and --seed give the same file.
Only the standard library is used, so it runs anywhere Python does.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

KINDS = ["diplomatic", "economic", "energy", "trade", "security", "military", "migration", "political", "other"]
DIRECTIONS = ["away", "away", "away", "towards", "counter", "other"]
STANCES = ["decline", "dominance", "diversifying", "limits", "gain", "reaction"]
WORDS = [
    "agreement",
    "pipeline",
    "border",
    "talks",
    "exercises",
    "sanctions",
    "corridor",
    "treaty",
    "tariff",
    "quota",
    "summit",
    "visit",
    "loan",
    "grid",
    "railway",
    "port",
    "refinery",
    "customs",
    "union",
    "alliance",
    "mobilization",
    "migrants",
    "transit",
    "market",
    "route",
    "partnership",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random) -> dict[str, Any]:
    year = rng.randint(1995, 2024)
    month = rng.randint(1, 12)
    shape = rng.random()
    if shape < 0.4:
        return {"start": f"{year}-{month:02d}-{rng.randint(1, 28):02d}"}
    if shape < 0.7:
        return {"start": f"{year}-{month:02d}", "text": "in that month"}
    if shape < 0.85:
        return {"start": f"{year}-{month:02d}", "end": f"{year}-{min(month + 2, 12):02d}", "text": "in the summer"}
    if shape < 0.95:
        return {"start": str(year), "inferred": "only the year is known"}
    return {"start": None, "end": f"{year}-{month:02d}", "text": "even before", "inferred": "open start"}


def _stated_gain(rng: random.Random, actor_ids: list[str], names: dict[str, str]) -> dict[str, Any]:
    """A claim's stated gain, with the words that state it, which name its party (as validate asks)."""
    actor = rng.choice(actor_ids)
    return {"actor": actor, "what": _sentence(rng, 3), "basis": "stated", "account": f"It says {names[actor]} gained."}


def generate(n_events: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    actors: list[dict[str, Any]] = [
        {"id": "russia", "name": "Russia", "kind": "country", "iso2": "RU", "iso3": "RUS", "region": "Eurasia"},
        {
            "id": "kazakhstan",
            "name": "Kazakhstan",
            "kind": "country",
            "iso2": "KZ",
            "iso3": "KAZ",
            "region": "Central Asia",
            "aliases": ["Qazaqstan", "Қазақстан"],
        },
    ]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for i in range(200):
        code = letters[i // 26 % 26] + letters[i % 26]
        actors.append(
            {
                "id": f"country-{i:03d}",
                "name": f"Country {code} {rng.choice(WORDS).title()}",
                "kind": "country",
                "iso2": code,
                "iso3": code + "X",
                "region": rng.choice(["Central Asia", "South Caucasus", "Europe", "Middle East"]),
                "aliases": [f"Republic of {code}"],
            }
        )
    actors += [
        {"id": f"bloc-{i}", "name": f"Bloc {i}", "kind": "bloc", "region": "Europe", "aliases": []} for i in range(5)
    ]
    actor_ids = [a["id"] for a in actors]
    people = [
        {"id": f"person-{i}", "name": f"Person {i}", "role": "minister", "actor": rng.choice(actor_ids)}
        for i in range(300)
    ]
    sources = [{"id": "source-0", "title": "A synthetic report", "publisher": "Bench Press", "date": "2025-01-01"}]
    events = []
    for i in range(n_events):
        acting = rng.sample(actor_ids, rng.randint(1, 2))
        target = rng.sample(actor_ids, 1)
        event: dict[str, Any] = {
            "id": f"ev-{i:07d}",
            "date": _date(rng),
            "actors": acting,
            "targets": target,
            "kind": rng.choice(KINDS),
            "direction": rng.choice(DIRECTIONS),
            "beneficiaries": [{"actor": target[0], "what": _sentence(rng, 4), "basis": "counterpart"}],
            # Russia is not a party of most of these moves: its loss is one a source states, in words naming it.
            "losers": [{"actor": "russia", "what": _sentence(rng, 3), "basis": "stated", "account": "Russia lost."}],
            "summary": _sentence(rng, 14),
            "citations": [{"source": "source-0", "excerpt": _sentence(rng, 20)}],
        }
        if i and rng.random() < 0.2:
            event["answers"] = [f"ev-{rng.randrange(i):07d}"]
        if rng.random() < 0.2:
            event["people"] = [rng.choice(people)["id"]]
        events.append(event)
    names = {a["id"]: a["name"] for a in actors}
    claims = [
        {
            "id": f"claim-{i:07d}",
            "by": rng.choice(people)["id"],
            "about": rng.sample(actor_ids, 2),
            "stance": rng.choice(STANCES),
            "summary": _sentence(rng, 12),
            "beneficiaries": [_stated_gain(rng, actor_ids, names)],
            "citations": [{"source": "source-0", "excerpt": _sentence(rng, 16), "quote": _sentence(rng, 6)}],
        }
        for i in range(n_events // 10)
    ]
    return {
        "schema_version": 2,
        "sources": sources,
        "actors": actors,
        "people": people,
        "events": events,
        "claims": claims,
    }


def from_bundled(n_events: int, bundled: Path) -> dict[str, Any]:
    """The bundled fact base with its events copied until there are ``n_events``, each copy with fresh ids.

    Real records (long summaries and excerpts, curly quotes, every field in
    use), so a benchmark on this file shows what geopol does with text like the
    real thing; ``answers`` and ``follows`` point within the same copy. Claims
    are copied alongside, one set per copy of the events.
    """
    base = json.loads(bundled.read_text(encoding="utf-8"))
    events, claims = base["events"], base["claims"]
    copies = -(-n_events // len(events))
    out_events: list[dict[str, Any]] = []
    out_claims: list[dict[str, Any]] = []
    for k in range(copies):

        def fresh(record_id: str, k: int = k) -> str:
            return f"{record_id}.{k}"

        for event in events:
            copy = {**event, "id": fresh(event["id"])}
            for key in ("answers", "follows"):
                if key in event:
                    copy[key] = [fresh(i) for i in event[key]]
            out_events.append(copy)
        for claim in claims:
            copy = {**claim, "id": fresh(claim["id"])}
            if "events" in claim:
                copy["events"] = [fresh(i) for i in claim["events"]]
            out_claims.append(copy)
    base["events"] = out_events[:n_events]
    kept = {e["id"] for e in base["events"]}
    base["claims"] = [c for c in out_claims if all(i in kept for i in c.get("events", []))]
    for event in base["events"]:  # a reference cut off by the last, partial copy
        for key in ("answers", "follows"):
            if key in event:
                event[key] = [i for i in event[key] if i in kept]
    return base


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=int, help="number of events")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--from-bundled",
        metavar="FACTS",
        type=Path,
        help="copy this fact base's events (with fresh ids) instead of generating synthetic ones",
    )
    args = parser.parse_args(argv)
    data = from_bundled(args.events, args.from_bundled) if args.from_bundled else generate(args.events, args.seed)
    json.dump(data, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
