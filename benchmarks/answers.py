#!/usr/bin/env python3
"""Count the answers a person gives to build a three-event fact base with `geopol add` at a terminal.

    python benchmarks/answers.py

Drives the real program in a pseudo-terminal (pexpect, from the test extras)
through the README's article: one source with its text, three actors and
three events whose excerpts are picked from the held text and whose dates
are the article's own words. Prints the number of answers typed (Enter
included) and the program's own time. Issue "Work in your fact base" started
from 108 answers and about 25 minutes of a person's time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

REPO = Path(__file__).resolve().parent.parent
ARTICLE = re.search(r"```text\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def main() -> None:
    assert ARTICLE is not None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "article.txt").write_text(ARTICLE.group(1), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "geopol_cli", "init", "base"], cwd=work, check=True, capture_output=True)
        env = {**os.environ, "PYTHONPATH": str(REPO), "GEOPOL_FACTS": str(work / "base" / "facts.json")}
        answers = 0

        def run(args: list[str], script: list[tuple[str, str]]) -> None:
            nonlocal answers
            child = pexpect.spawn(
                sys.executable, ["-m", "geopol_cli", *args], env={**env, "TERM": "xterm"}, cwd=str(work),
                encoding="utf-8", timeout=30, dimensions=(40, 200),
            )  # fmt: skip
            for question, reply in script:
                child.expect_exact(question)
                child.sendline(reply)
                answers += 1
            child.expect(pexpect.EOF)
            child.close()
            if child.exitstatus != 0:
                raise SystemExit(f"geopol {' '.join(args)} failed: {child.before}")

        def event(words: str, summary: str, when: str, actor: str, kind: str) -> list[tuple[str, str]]:
            return [
                ("Source (id) [", ""), ("A few words of the passage", words), ("The shortest part of it", ""),
                ("What happened, in your own words", summary), ("When", when), ("Who acted", actor), ("Kind (", kind),
                ("or give more fields first?", ""),
            ]  # fmt: skip

        start = time.perf_counter()
        run(
            ["add", "source", "--text", "article.txt"],
            [("Title", "Georgia and the EU"), ("Publisher", "EU News"), ("Published on", "2023-01-15"),
             ("or give more fields first?", "")],
        )  # fmt: skip
        for name, kind in (("Georgia", "country"), ("European Union", "bloc"), ("Russia", "country")):
            run(["add", "actor"], [("Name", name), ("Kind", kind), ("or give more fields first?", "")])
        run(["add", "event"], event("applied to join", "Georgia applies for EU membership.", "in March 2022",
                                    "georgia", "diplomatic"))  # fmt: skip
        run(["add", "event"], event("leaders said", "EU leaders hold out candidate status.", "In the summer",
                                    "european-union", "diplomatic"))  # fmt: skip
        run(["add", "event"], event("parliament passed", "Georgia passes a foreign agents law.", "In December",
                                    "georgia", "political"))  # fmt: skip
        took = time.perf_counter() - start
        check = subprocess.run(
            [sys.executable, "-m", "geopol_cli", "validate", "--strict"], env=env, capture_output=True, text=True
        )
        print(f"{answers} answers (8 per event), {took:.1f} s of program time; {check.stdout.strip()}")


if __name__ == "__main__":
    main()
