#!/usr/bin/env python3
"""Time geopol's writing commands against `geopol validate` on the same base (issue "Work in your fact base").

    python benchmarks/changes.py            # 10 000 events
    python benchmarks/changes.py --events 100000 --runs 3

Each command runs on a fresh copy of a generated base (benchmarks/generate.py),
interleaved with `geopol validate` on the same copy, and the ratio is taken
pair by pair; the medians are printed with the target (at most 1.5x validate).
Whole-process times, start-up included, by the clock around each child; for
a published figure use hyperfine or `/usr/bin/time -v` the same way. Standard
library only; runs the geopol of this checkout (`python -m geopol_cli`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 1.5

# What each command changes in a generated base (ids from benchmarks/generate.py).
COMMANDS = {
    "edit": ["edit", "event", "ev-0000005", "--summary", "An edited summary."],
    "rename": ["rename", "actor", "country-001", "country-one"],
    "remove": ["remove", "claim", "claim-0000000"],
    "add": ["add", "actor", "--name", "Benchmark Land", "--kind", "country", "--no-input"],
}


def timed(args: list[str], facts: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "geopol_cli", "--facts", str(facts), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=HERE.parent,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "generated.json"
        with source.open("w", encoding="utf-8") as out:
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(options.events)], check=True, stdout=out)
        print(f"{options.events} events; median of {options.runs} interleaved pairs; target: at most {TARGET}x")
        print(f"{'command':<8} {'seconds':>8} {'validate':>9} {'ratio':>6}  verdict")
        for name, args in [*COMMANDS.items(), ("undo", ["undo"])]:
            ratios, seconds, validates = [], [], []
            for _ in range(options.runs):
                base = Path(folder) / f"run-{name}"
                shutil.rmtree(base, ignore_errors=True)
                base.mkdir()
                facts = base / "facts.json"
                shutil.copy(source, facts)
                if name == "undo":
                    timed(COMMANDS["edit"], facts)  # something to undo
                took = timed(args, facts)
                check = timed(["validate"], facts)
                seconds.append(took)
                validates.append(check)
                ratios.append(took / check)
            ratio = statistics.median(ratios)
            verdict = "holds" if ratio <= TARGET else "misses"
            print(
                f"{name:<8} {statistics.median(seconds):>8.3f} {statistics.median(validates):>9.3f} "
                f"{ratio:>5.2f}x  {verdict}"
            )


if __name__ == "__main__":
    main()
