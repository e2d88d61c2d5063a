"""Fault campaigns against geopol's writers: SIGKILLs at random moments, and concurrent folder writers.

Not a test (it takes minutes and its kills land where chance puts them); it
prints counts, which the closing notes and the README quote:

    python benchmarks/faults.py --kills 200 --writers 20 --rounds 5

Kills: each round starts `geopol add actor` (or `add source --text`) on a
fact base and kills it with SIGKILL after a random delay between 0 and the
time a whole add takes; then checks that the facts file is either the old
version or the new one, complete and valid, and that the next add removes
every temporary file the killed writer left.

Concurrency: 20 writers add the same id into different files of one folder
base at once; exactly one may land and the base must stay valid. Then 20
writers add without an id into one file; all must land.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
ENV.pop("GEOPOL_FACTS", None)
GEOPOL = [sys.executable, "-m", "geopol_cli"]


def geopol(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GEOPOL, *args], capture_output=True, text=True, env=ENV, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def new_base(folder: Path) -> Path:
    geopol("init", str(folder))
    facts = folder / "facts.json"
    geopol("--facts", str(facts), "add", "actor", "--id", "first", "--name", "First", "--kind", "country")
    return facts


def leftovers(folder: Path) -> list[Path]:
    return [p for p in [*folder.iterdir(), *(folder / "texts").iterdir()] if p.name.endswith(".tmp")]


def kill_campaign(kills: int, seed: int, earliest: float = 0.0) -> dict[str, int]:
    rng = random.Random(seed)
    counts = dict.fromkeys(("kills", "old", "new", "broken", "left_tmp", "swept", "partial_text"), 0)
    counts["text_without_source"] = 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "base"
        facts = new_base(folder)
        article = Path(scratch) / "article.txt"
        article.write_text("A long report. " * 200_000, encoding="utf-8")  # 3 MB: a copy that takes a while
        start = time.perf_counter()
        geopol("--facts", str(facts), "add", "actor", "--id", "timing", "--name", "Timing", "--kind", "country")
        whole = time.perf_counter() - start
        for i in range(kills):
            before = facts.read_bytes()
            with_text = i % 2 == 1
            if with_text:
                command = ["add", "source", "--id", f"s{i}", "--title", "T", "--publisher", "P", "--text", str(article)]
            else:
                command = ["add", "actor", "--id", f"a{i}", "--name", f"Actor {i}", "--kind", "country"]
            process = subprocess.Popen([*GEOPOL, "--facts", str(facts), *command], env=ENV,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            time.sleep(rng.uniform(earliest * whole, whole * 1.2))
            process.send_signal(signal.SIGKILL)
            process.wait()
            counts["kills"] += 1
            after = facts.read_bytes()
            valid = geopol("validate", str(facts)).returncode == 0
            if not valid:
                counts["broken"] += 1
            elif after == before:
                counts["old"] += 1
            else:
                counts["new"] += 1
            left = leftovers(folder)
            counts["left_tmp"] += len(left)
            text = folder / "texts" / "article.txt"
            if text.exists() and text.read_bytes() != article.read_bytes():
                counts["partial_text"] += 1
            if left:
                geopol("--facts", str(facts), "add", "actor", "--id", f"sweep{i}", "--name", f"Sweep {i}",
                       "--kind", "country")  # fmt: skip
                counts["swept"] += len(left) - len(leftovers(folder))
            if with_text and text.exists() and f'"s{i}"' not in facts.read_text(encoding="utf-8"):
                # The text landed without its source (killed between the copy and the facts write): whole, so
                # the next add of the same text reuses it (partial_text above counts any that is not whole).
                counts["text_without_source"] += 1
    return counts


def concurrency_campaign(writers: int, rounds: int) -> dict[str, int]:
    counts = {"rounds": 0, "one_landed": 0, "several_landed": 0, "invalid_base": 0, "all_unnamed_landed": 0}
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "base"
            folder.mkdir()
            facts = new_base(Path(scratch) / "seed")
            (folder / "a.json").write_bytes(facts.read_bytes())
            for k in range(4):
                (folder / f"part-{k}.json").write_text(json.dumps({"schema_version": 2}), encoding="utf-8")
            processes = [
                subprocess.Popen(
                    [
                        *GEOPOL,
                        "--facts",
                        str(folder),
                        "add",
                        "actor",
                        "--id",
                        "same",
                        "--name",
                        f"N{k}",
                        "--kind",
                        "country",
                        "--into",
                        f"part-{k % 4}.json",
                    ],
                    env=ENV,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for k in range(writers)
            ]
            landed = [p.wait() for p in processes].count(0)
            counts["rounds"] += 1
            counts["one_landed" if landed == 1 else "several_landed"] += 1
            counts["invalid_base"] += geopol("validate", str(folder)).returncode != 0
            one = Path(scratch) / "seed" / "facts.json"
            processes = [
                subprocess.Popen(
                    [*GEOPOL, "--facts", str(one), "add", "actor", "--name", "Same Name", "--kind", "country"],
                    env=ENV,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(writers)
            ]
            counts["all_unnamed_landed"] += [p.wait() for p in processes].count(0) == writers
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument(
        "--late", type=float, default=0.0, help="kill no earlier than this share of an add's time (0.6: mostly writing)"
    )
    options = parser.parse_args()
    print("kills:", json.dumps(kill_campaign(options.kills, options.seed, options.late)))
    print("concurrency:", json.dumps(concurrency_campaign(options.writers, options.rounds)))


if __name__ == "__main__":
    main()
