#!/usr/bin/env python3
"""Recall, precision and speed of `geopol extract` on a text whose records are known.

    python benchmarks/extract.py                      # the bundled article against the bundled facts
    python benchmarks/extract.py --text other.txt --expected other-facts.json --source SOURCE_ID

The text is held as the source's text in a fact base made from the expected
one with its events and claims taken out (its sources, actors and people
kept), and `geopol extract SOURCE --json` is run on it as a user runs it.

* recall: the expected events with a candidate event whose excerpt overlaps
  the event's in the text, whose actors and targets include the event's, and
  whose date span contains the event's;
* precision: the candidates that match some expected record: an event as
  above; a claim whose excerpt overlaps an expected claim's and whose speaker
  is that claim's; an actor or person the expected base holds (same ISO code
  or name), which the starting base lacks only if the expected one does too.

Speed: the same command on a text of about 5 000 words (the text repeated),
less the same command on a one-sentence text (start-up), medians of --runs.
Standard library only; geopol is run from this checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geopol_cli.core.dates import first_day, last_day  # noqa: E402
from geopol_cli.facts.texts import normalise  # noqa: E402


def base_without_records(expected: dict[str, Any], source: str, text: Path, folder: Path) -> Path:
    """A fact base of the expected one's sources, actors and people, with ``text`` held as the source's."""
    data = {k: v for k, v in expected.items() if k not in ("events", "claims")}
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    shutil.copy(text, folder / "texts" / "source.txt")
    data["sources"] = [
        {**{k: v for k, v in s.items() if k not in ("text", "sha256")}, **({"text": "texts/source.txt"} if s["id"] ==
                                                                           source else {})}
        for s in data["sources"]
    ]  # fmt: skip
    path = folder / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def run_extract(facts: Path, source: str) -> tuple[list[dict[str, Any]], float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "geopol_cli", "extract", source, "--facts", str(facts), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"geopol extract failed ({done.returncode}): {done.stderr}")
    candidates: list[dict[str, Any]] = json.loads(done.stdout)
    return candidates, took


def span(text: str, excerpt: str | None) -> tuple[int, int] | None:
    if not excerpt:
        return None
    wanted = normalise(excerpt)
    at = text.find(wanted)
    return (at, at + len(wanted)) if at >= 0 else None


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def contains(outer: dict[str, Any] | None, inner: dict[str, Any]) -> bool:
    """Whether the candidate's date span holds the event's (an open start is the earliest of dates)."""
    if outer is None:
        return False

    def bounds(date: dict[str, Any]) -> tuple[Any, Any]:
        start, end = date.get("start"), date.get("end") or date.get("start")
        return (first_day(start) if start else None), last_day(end)

    o_start, o_end = bounds(outer)
    i_start, i_end = bounds(inner)
    starts_before = o_start is None or (i_start is not None and o_start <= i_start)
    return starts_before and o_end >= i_end


def event_matches(candidate: dict[str, Any], event: dict[str, Any], text: str, source: str) -> bool:
    excerpt = next((c.get("excerpt") for c in event["citations"] if c["source"] == source), None)
    return (
        overlaps(span(text, candidate["excerpt"]), span(text, excerpt))
        and set(candidate["actors"]) >= set(event["actors"])
        and set(candidate["targets"]) >= set(event.get("targets", []))
        and contains(candidate["date"], event["date"])
    )


def claim_matches(candidate: dict[str, Any], claim: dict[str, Any], text: str, source: str) -> bool:
    excerpt = next((c.get("excerpt") for c in claim["citations"] if c["source"] == source), None)
    return overlaps(span(text, candidate["excerpt"]), span(text, excerpt)) and candidate["by"] == claim["by"]


def named_in(candidate: dict[str, Any], records: list[dict[str, Any]]) -> bool:
    record = candidate["record"]
    for known in records:
        if record.get("iso2") and known.get("iso2") == record["iso2"]:
            return True
        spellings = {known["name"].casefold(), *(a.casefold() for a in known.get("aliases", []))}
        if record["name"].casefold() in spellings:
            return True
    return False


def measure(expected: dict[str, Any], source: str, text_path: Path, folder: Path) -> dict[str, Any]:
    facts = base_without_records(expected, source, text_path, folder)
    candidates, took = run_extract(facts, source)
    text = normalise(text_path.read_text(encoding="utf-8"))
    events = [e for e in expected.get("events", []) if any(c["source"] == source for c in e["citations"])]
    claims = [c for c in expected.get("claims", []) if any(x["source"] == source for x in c["citations"])]
    proposed = [c for c in candidates if c["type"] == "event"]
    found = [e for e in events if any(event_matches(c, e, text, source) for c in proposed)]
    matched = []
    for candidate in candidates:
        if candidate["type"] == "event":
            hit = any(event_matches(candidate, e, text, source) for e in events)
        elif candidate["type"] == "claim":
            hit = any(claim_matches(candidate, c, text, source) for c in claims)
        elif candidate["type"] == "actor":
            hit = named_in(candidate, expected.get("actors", []))
        else:
            hit = named_in(candidate, expected.get("people", []))
        matched.append(hit)
    return {
        "events": len(events),
        "recalled": len(found),
        "missed": [e["id"] for e in events if e not in found],
        "candidates": len(candidates),
        "by_type": {t: sum(1 for c in candidates if c["type"] == t) for t in ("actor", "person", "event", "claim")},
        "matching": sum(matched),
        "unmatched": [f"{c['type']} {c['id']}" for c, hit in zip(candidates, matched, strict=True) if not hit],
        "seconds": took,
    }


def speed(expected: dict[str, Any], source: str, text_path: Path, folder: Path, runs: int) -> tuple[float, float, int]:
    """Median seconds of extract on ~5 000 words and on one sentence (start-up), and the long text's words."""
    words = text_path.read_text(encoding="utf-8")
    count = len(words.split())
    long_text = folder / "long.txt"
    long_text.write_text("\n\n".join([words] * max(1, round(5000 / max(count, 1)))), encoding="utf-8")
    short_text = folder / "short.txt"
    short_text.write_text("Nothing happened here.\n", encoding="utf-8")
    timings: dict[str, list[float]] = {"long": [], "short": []}
    for n in range(runs):
        for name, path in (("long", long_text), ("short", short_text)):
            facts = base_without_records(expected, source, path, folder / f"{name}-{n}")
            timings[name].append(run_extract(facts, source)[1])
    return (
        statistics.median(timings["long"]),
        statistics.median(timings["short"]),
        len(long_text.read_text(encoding="utf-8").split()),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=REPO.parent / "shared" / "source" / "article.txt")
    parser.add_argument("--expected", type=Path, default=REPO / "facts.json", help="a fact base with the records")
    parser.add_argument("--source", default="russiavsworld-2023", help="the source the text is the text of")
    parser.add_argument("--runs", type=int, default=5, help="timed runs for the speed figure")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    if not args.text.is_file():
        raise SystemExit(f"{args.text}: no such file (the bundled article is ../shared/source/article.txt)")
    expected = json.loads(args.expected.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        found = measure(expected, args.source, args.text, Path(tmp) / "base")
        precision = found["matching"] / found["candidates"] if found["candidates"] else 0.0
        print(f"text: {args.text} ({len(args.text.read_text(encoding='utf-8').split())} words)")
        print(f"recall: {found['recalled']} of {found['events']} events"
              + (f" (missed: {', '.join(found['missed'])})" if found["missed"] else ""))  # fmt: skip
        print(f"precision: {found['matching']} of {found['candidates']} candidates = {precision:.2f} "
              f"({', '.join(f'{n} {t}' for t, n in found['by_type'].items() if n)})")  # fmt: skip
        print(f"time: {found['seconds']:.2f} s for the whole command, start-up included")
        if found["unmatched"]:
            print(f"  matching no expected record: {', '.join(found['unmatched'])}")
        if not args.no_speed:
            long_s, short_s, words = speed(expected, args.source, args.text, Path(tmp), args.runs)
            print(f"speed: {words} words in {long_s:.2f} s, one sentence in {short_s:.2f} s (start-up); "
                  f"{long_s - short_s:.2f} s beyond start-up (medians of {args.runs})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
