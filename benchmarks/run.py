#!/usr/bin/env python3
"""Measure geopol's start-up and scale with public tools, and print the tables the README quotes.

    python benchmarks/run.py                 # start-up, and scale at 1 000 and 100 000 events
    python benchmarks/run.py --sizes 1000 100000 1000000

Needs: an installed `geopol` on PATH (or --geopol), hyperfine, GNU time
(/usr/bin/time) and jq. Timings come from hyperfine (medians of --runs runs
after warm-ups); peak memory from one `/usr/bin/time -v` run each. Shared
machines are noisy: compare ratios measured in the same run, not absolute
times across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The closest jq programs to each geopol command, on the same file.
JQ_TIMELINE = (
    '[.events[] | select((.actors | index("kazakhstan")) or ((.targets // []) | index("kazakhstan")) '
    'or ([(.beneficiaries // [])[].actor, (.losers // [])[].actor] | index("kazakhstan")))] '
    '| sort_by(.date.start // "")'
)
JQ_BENEFITS = (
    "def rank(f): [(.events[], .claims[]) | . as $r | (f // [])[] | {actor, basis, id: $r.id}] "
    '| group_by(.actor) | map({actor: .[0].actor, stated: (map(select(.basis == "stated")) | length), '
    "evidence: length}) | sort_by(-.stated, -.evidence, .actor); "
    "{beneficiaries: rank(.beneficiaries), losers: rank(.losers)}"
)
JQ_VALIDATE = (
    # Unique event ids (sort-based) and every actor reference resolving. (Indexing the events
    # themselves with INDEX is quadratic in jq: minutes on 100 000 events.)
    "INDEX(.actors[]; .id) as $a | ([.events[].id] | length == (unique | length)) as $unique "
    "| [.events[] | (.actors[], (.targets // [])[]) | select($a[.] == null)] | length"
)


def hyperfine(commands: dict[str, str], runs: int, warmup: int, rounds: int = 1) -> dict[str, float]:
    """Median wall seconds of each command over ``runs`` runs.

    hyperfine runs all of one command, then all of the next; on a shared
    machine whose speed drifts that skews ratios, so the runs are split into
    ``rounds`` hyperfine calls and the times of all rounds pooled.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    per_round = max(1, runs // rounds)
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp) / "hyperfine.json"
            args = ["hyperfine", "-N", "--style", "none", "--runs", str(per_round), "--warmup", str(warmup)]
            args += ["--export-json", str(export)]
            for name, command in commands.items():
                args += [f"--command-name={name}", command]
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
            for result in json.loads(export.read_text())["results"]:
                times[result["command"]].extend(result["times"])
    return {name: statistics.median(values) for name, values in times.items()}


def peak_mib(command: str) -> float:
    """Peak resident memory of one run, from GNU time."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", "sh", "-c", f"{command} > /dev/null"], capture_output=True, text=True, check=True
    )
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024
    raise RuntimeError("no peak memory in /usr/bin/time output")


def startup(geopol: str, python: str, runs: int) -> None:
    floor = f"{python} -c 'import typer; from pydantic import BaseModel'"
    table_floor = (
        f"{python} -c 'import typer; from pydantic import BaseModel; "
        "from rich.console import Console; from rich.table import Table'"
    )
    commands = {
        "floor": floor,
        "table floor": table_floor,
        "country --json": f"{geopol} country kazakhstan --json",
        "country (table)": f"{geopol} country kazakhstan",
        "timeline --json": f"{geopol} timeline --json",
        "help": f"{geopol} --help",
        "version": f"{geopol} --version",
    }
    medians = hyperfine(commands, runs, warmup=2, rounds=max(1, runs // 5))
    print(f"\n### Start-up on the bundled facts (median of {runs} runs each, in rounds of 5)\n")
    print("| command | median ms | floor | ratio |")
    print("| --- | ---: | --- | ---: |")
    for name in commands:
        against = "table floor" if name == "country (table)" else "floor"
        if name in ("floor", "table floor"):
            print(f"| `{commands[name]}` | {medians[name] * 1000:.0f} | | |")
        else:
            ratio = medians[name] / medians[against]
            shown = commands[name].replace(geopol, "geopol")
            print(f"| `{shown}` | {medians[name] * 1000:.0f} | {against} | {ratio:.2f}x |")


def scale(geopol: str, python: str, sizes: list[int], runs: int, workdir: Path) -> None:
    """Each geopol command against the closest jq program on the same generated file."""
    print(f"\n### Scale (median of {runs} run{'s' if runs > 1 else ''}; peak memory of one run)\n")
    print("| events | command | geopol s | jq s | time ratio | geopol MiB | jq MiB | memory ratio |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        path = workdir / f"facts-{size}.json"
        if not path.exists():
            with path.open("w", encoding="utf-8") as out:
                subprocess.run([python, str(HERE / "generate.py"), str(size)], stdout=out, check=True)
        quoted = shlex.quote(str(path))
        pairs = {
            "timeline --country kazakhstan --json": (
                f"{geopol} timeline --country kazakhstan --json --facts {quoted}",
                f"jq {shlex.quote(JQ_TIMELINE)} {quoted}",
            ),
            "benefits --json": (
                f"{geopol} benefits --json --facts {quoted}",
                f"jq {shlex.quote(JQ_BENEFITS)} {quoted}",
            ),
            "validate": (f"{geopol} validate {quoted}", f"jq {shlex.quote(JQ_VALIDATE)} {quoted}"),
        }
        for name, (ours, theirs) in pairs.items():
            medians = hyperfine({"geopol": ours, "jq": theirs}, runs, warmup=1 if runs > 1 else 0)
            ours_mib, theirs_mib = peak_mib(ours), peak_mib(theirs)
            print(
                f"| {size:,} | `{name}` | {medians['geopol']:.2f} | {medians['jq']:.2f} | "
                f"{medians['geopol'] / medians['jq']:.2f}x | {ours_mib:.0f} | {theirs_mib:.0f} | "
                f"{ours_mib / theirs_mib:.2f}x |",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geopol", default=shutil.which("geopol") or "geopol")
    parser.add_argument("--python", default=sys.executable, help="the Python that geopol is installed in")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 100000])
    parser.add_argument("--runs", type=int, default=20, help="runs of each start-up command")
    parser.add_argument("--scale-runs", type=int, default=5, help="runs of each scale command (1M events: try 1)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "geopol-bench")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    for tool in ("hyperfine", "jq", "/usr/bin/time"):
        if not shutil.which(tool):
            print(f"benchmarks/run.py needs {tool}", file=sys.stderr)
            return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.pop("GEOPOL_FACTS", None)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if not args.skip_startup:
        startup(args.geopol, args.python, args.runs)
    if args.sizes:
        scale(args.geopol, args.python, args.sizes, args.scale_runs, args.workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
