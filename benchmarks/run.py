#!/usr/bin/env python3
"""Measure geopol's start-up and scale with public tools, and print the tables the README quotes.

    python benchmarks/run.py                 # start-up, scale at 1 000 and 100 000 events, targets
    python benchmarks/run.py --sizes 1000 100000 1000000
    python benchmarks/run.py --skip-startup --sizes --targets   # only the targets (issues 12, 13 and 21)
    python benchmarks/run.py --skip-startup --sizes --index-only --index-sizes 1000000 --scale-runs 3

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
# For a figure of the plain path (the files read and validated whole): no index answers.
INDEX_OFF = "GEOPOL_INDEX=never"

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


def hyperfine(
    commands: dict[str, str], runs: int, warmup: int, rounds: int = 1, failing: bool = False, prepare: str = ""
) -> dict[str, float]:
    """Median wall seconds of each command over ``runs`` runs.

    hyperfine runs all of one command, then all of the next; on a shared
    machine whose speed drifts that skews ratios, so the runs are split into
    ``rounds`` hyperfine calls and the times of all rounds pooled. Where
    hyperfine is not installed, the commands are run in turn (A B A B ...)
    and timed here, from start to exit. ``prepare``: a shell command run
    before each timed run (not timed).
    """
    if not shutil.which("hyperfine"):
        return _interleaved(commands, runs, warmup, prepare)
    times: dict[str, list[float]] = {name: [] for name in commands}
    per_round = max(1, runs // rounds)
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp) / "hyperfine.json"
            args = ["hyperfine", "-N", "--style", "none", "--runs", str(per_round), "--warmup", str(warmup)]
            args += ["--export-json", str(export)]
            if failing:  # commands meant to fail (a broken facts file exits 3)
                args.append("--ignore-failure")
            if prepare:
                args += ["--prepare", prepare]
            for name, command in commands.items():
                args += [f"--command-name={name}", command]
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
            for result in json.loads(export.read_text())["results"]:
                times[result["command"]].extend(result["times"])
    return {name: statistics.median(values) for name, values in times.items()}


def _interleaved(commands: dict[str, str], runs: int, warmup: int, prepare: str) -> dict[str, float]:
    """Median wall seconds of each command, the commands run in turn so that a drifting machine moves all."""
    import time

    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, command in commands.items():
            if prepare:
                subprocess.run(prepare, shell=True, check=True)
            start = time.perf_counter()
            subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if round_ >= warmup:
                times[name].append(time.perf_counter() - start)
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
        "minimal Typer app": f"{python} {HERE / 'minimal_app.py'} kazakhstan --json",
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


BUNDLED = HERE.parent / "facts.json"


def fact_file(python: str, workdir: Path, size: int, kind: str = "synthetic") -> Path:
    """A generated fact base of ``size`` events: "synthetic", or "bundled" (the bundled events, copied)."""
    path = workdir / f"facts-{kind}-{size}.json"
    if not path.exists():
        extra = ["--from-bundled", str(BUNDLED)] if kind == "bundled" else []
        with path.open("w", encoding="utf-8") as out:
            subprocess.run([python, str(HERE / "generate.py"), str(size), *extra], stdout=out, check=True)
    return path


def scale(geopol: str, python: str, sizes: list[int], runs: int, workdir: Path) -> None:
    """Each geopol command against the closest jq program on the same generated file."""
    print(f"\n### Scale (median of {runs} run{'s' if runs > 1 else ''}; peak memory of one run)\n")
    print("| events | file | command | geopol s | jq s | time ratio | geopol MiB | jq MiB | memory ratio |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, kind in [(size, kind) for size in sizes for kind in ("synthetic", "bundled")]:
        quoted = shlex.quote(str(fact_file(python, workdir, size, kind)))
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
                f"| {size:,} | {kind} | `{name}` | {medians['geopol']:.2f} | {medians['jq']:.2f} | "
                f"{medians['geopol'] / medians['jq']:.2f}x | {ours_mib:.0f} | {theirs_mib:.0f} | "
                f"{ours_mib / theirs_mib:.2f}x |",
                flush=True,
            )


def _broken(python: str, workdir: Path, size: int) -> Path:
    """The synthetic file of ``size`` events with every event citing a source that does not exist."""
    path = workdir / f"facts-broken-{size}.json"
    if not path.exists():
        data = json.loads(fact_file(python, workdir, size).read_text(encoding="utf-8"))
        for event in data["events"]:
            event["source"] = "no-such-source"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def _moves_towards_one_partner(workdir: Path, size: int) -> Path:
    """``size`` moves of one actor towards one partner: the shape that made profiles quadratic."""
    path = workdir / f"facts-moves-{size}.json"
    if not path.exists():
        actors = [{"id": a, "name": a.title(), "kind": "country"} for a in ("mover", "partner", "russia")]
        events = [
            {
                "id": f"m{i}",
                "date": {"start": f"{2000 + i % 20}-{1 + i % 12:02d}"},
                "actors": ["mover"],
                "targets": ["partner"],
                "kind": "diplomatic",
                "direction": "away",
                "beneficiaries": [{"actor": "partner", "what": f"gain {i}", "basis": "counterpart"}],
                "summary": f"Move {i}.",
                "source": f"s{i % 500}",
                "excerpt": f"Move {i}.",
            }
            for i in range(size)
        ]
        sources = [{"id": f"s{i}", "title": "T", "publisher": "P"} for i in range(500)]
        path.write_text(
            json.dumps({"schema_version": 1, "sources": sources, "actors": actors, "events": events}),
            encoding="utf-8",
        )
    return path


def _verdict(value: float, limit: float) -> str:
    return "holds" if value <= limit else "does not hold"


def targets(geopol: str, python: str, runs: int, workdir: Path) -> None:
    """Each measured target of issues 12, 13 and 18, with its figure and whether it holds."""
    print(f"\n### Targets (hyperfine medians of {runs} runs)\n")
    print("| target | figures | value | limit | verdict |")
    print("| --- | --- | ---: | ---: | --- |")

    def row(target: str, figure: str, value: float, limit: float) -> None:
        print(f"| {target} | {figure} | {value:.2f} | {limit:g} | {_verdict(value, limit)} |", flush=True)

    big = shlex.quote(str(fact_file(python, workdir, 100_000)))
    broken = shlex.quote(str(_broken(python, workdir, 100_000)))
    t = hyperfine(
        {"bad": f"{geopol} validate {broken}", "good": f"{geopol} validate {big}"}, runs, 1, rounds=runs, failing=True
    )
    row("validate: 100 000 problems vs a clean file", f"{t['bad']:.2f} s / {t['good']:.2f} s", t["bad"] / t["good"], 2)
    t = hyperfine(
        # "Reading it": the plain load of the valid file, not an answer from its index (issue 21), which
        # reads none of it.
        {
            "bad": f"{geopol} timeline --facts {broken}",
            "read": f"env {INDEX_OFF} {geopol} timeline --since 2999 --json --facts {big}",
        },
        runs,
        1,
        rounds=runs,
        failing=True,
    )
    row("a view on that file fails within 1 s of reading it", f"{t['bad'] - t['read']:.2f} s", t["bad"] - t["read"], 1)
    excess = {}
    for size in (10_000, 40_000):
        bad, good = shlex.quote(str(_broken(python, workdir, size))), shlex.quote(str(fact_file(python, workdir, size)))
        t = hyperfine(
            {"bad": f"{geopol} validate {bad}", "good": f"{geopol} validate {good}"}, runs, 1, rounds=runs, failing=True
        )
        excess[size] = t["bad"] - t["good"]
    ratio = excess[40_000] / excess[10_000]
    row(
        "reporting is linear: 4x the problems, about 4x the cost",
        f"{excess[10_000]:.2f} s -> {excess[40_000]:.2f} s ({ratio:.1f}x)",
        ratio,
        5,
    )
    t = hyperfine(
        {"table": f"{geopol} timeline --facts {big}", "jsonl": f"{geopol} timeline --format jsonl --facts {big}"},
        runs,
        1,
        rounds=runs,
    )
    row(
        "timeline table vs --format jsonl, 100 000 events",
        f"{t['table']:.2f} s / {t['jsonl']:.2f} s",
        t["table"] / t["jsonl"],
        2,
    )
    t = hyperfine(
        {
            "all": f"{geopol} timeline --json --facts {big}",
            "one": f"{geopol} timeline -c kazakhstan --json --facts {big}",
        },
        runs,
        1,
        rounds=runs,
    )
    row(
        "timeline --json vs --country X --json, 100 000 events",
        f"{t['all']:.2f} s / {t['one']:.2f} s",
        t["all"] / t["one"],
        1.2,
    )
    for kind in ("synthetic", "bundled"):
        path = shlex.quote(str(fact_file(python, workdir, 100_000, kind)))
        t = hyperfine(
            {
                "geopol": f"{geopol} timeline --country kazakhstan --json --facts {path}",
                "jq": f"jq {shlex.quote(JQ_TIMELINE)} {path}",
            },
            runs,
            1,
            rounds=runs,
        )
        row(
            f"timeline -c kazakhstan --json vs jq, 100 000 {kind} events",
            f"{t['geopol']:.2f} s / {t['jq']:.2f} s",
            t["geopol"] / t["jq"],
            1.0,
        )
    times = {}
    for size in (5_000, 20_000):
        path = shlex.quote(str(_moves_towards_one_partner(workdir, size)))
        times[size] = hyperfine({"p": f"{geopol} country mover --json --facts {path}"}, runs, 1)["p"]
    ratio = times[20_000] / times[5_000]
    row(
        "profile of 4x the moves towards one partner",
        f"{times[5_000]:.2f} s -> {times[20_000]:.2f} s ({ratio:.1f}x)",
        ratio,
        4.5,
    )
    # Issue 18: an ACLED export of 100 000 rows imported into an empty base, against validate of what it makes.
    table = workdir / "acled-100000.csv"
    if not table.exists():
        with table.open("w", encoding="utf-8") as out:
            subprocess.run([python, str(HERE / "acled.py"), "100000"], stdout=out, check=True)
    empty, made = workdir / "acled-empty", workdir / "acled-base"
    if not empty.exists():
        subprocess.run([geopol, "init", str(empty)], capture_output=True, check=True)
    reset = f"rm -rf {shlex.quote(str(made))} && cp -r {shlex.quote(str(empty))} {shlex.quote(str(made))}"
    facts = shlex.quote(str(made / "facts.json"))
    imported = hyperfine({"import": f"{geopol} --facts {facts} import {shlex.quote(str(table))}"}, runs, 0,
                         prepare=reset)["import"]  # fmt: skip
    checked = hyperfine({"validate": f"{geopol} validate {facts}"}, runs, 1)["validate"]
    row("import of 100 000 ACLED rows vs validate of the base it makes", f"{imported:.2f} s / {checked:.2f} s",
        imported / checked, 2)  # fmt: skip
    floor = f"{python} -c 'import typer; from pydantic import BaseModel'"
    t = hyperfine({"geopol": f"{geopol} country kazakhstan --json", "floor": floor}, 30, 2, rounds=6)
    row(
        "start-up: country kazakhstan --json vs its floor",
        f"{t['geopol'] * 1000:.0f} ms / {t['floor'] * 1000:.0f} ms",
        t["geopol"] / t["floor"],
        1.3,
    )


def index_targets(geopol: str, python: str, runs: int, workdir: Path, sizes: list[int]) -> None:
    """Each target of issue 21: the indexed views against sqlite3 on the same index, their memory, building
    the index against validate, and start-up against its floors."""
    print(f"\n### Targets of the index (medians of {runs} interleaved runs; peak memory of one run)\n")
    print("| target | figures | value | limit | verdict |")
    print("| --- | --- | ---: | ---: | --- |")

    def row(target: str, figure: str, value: float, limit: float) -> None:
        print(f"| {target} | {figure} | {value:.2f} | {limit:g} | {_verdict(value, limit)} |", flush=True)

    cache = workdir / "index-cache"
    os.environ["GEOPOL_CACHE"] = str(cache)
    reference = f"{python} {HERE / 'sqlite_reference.py'}"
    for size in sizes:
        base = fact_file(python, workdir, size)
        old = base.stat().st_mtime - 3600
        os.utime(base, (old, old))  # a base not changed in the last moments, as most are
        quoted = shlex.quote(str(base))
        index = subprocess.run(
            [python, "-c", "import sys; from pathlib import Path; from geopol_cli.facts.store import index_path; "
             "print(index_path(Path(sys.argv[1])))", str(base)], capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        build = hyperfine(
            {"build": f"{geopol} timeline --since 2999 --json --facts {quoted}"}, runs, 0, prepare=f"rm -f {index}"
        )["build"]
        validate = hyperfine({"validate": f"{geopol} validate {quoted}"}, runs, 0)["validate"]
        row(f"building the index, {size:,} events, vs validate", f"{build:.2f} s / {validate:.2f} s",
            build / validate, 1.5)  # fmt: skip
        subprocess.run(shlex.split(f"{geopol} search pipeline --json --facts {quoted}"), capture_output=True)
        questions = [
            ("timeline -c kazakhstan --json", "timeline-country kazakhstan", ""),
            ("country kazakhstan --json", "timeline-country kazakhstan", ""),
            ("benefits --json", "benefits", " counting stakes"),
            # The same document as geopol's, made in plain Python from the same rows: the same query.
            ("benefits --json", "benefits-document", " making the same document"),
            ("search pipeline tariff --json", "search pipeline tariff", ""),
            ("timeline --json", "timeline", ""),
        ]
        for view, question, how in questions:
            ours = f"{geopol} {view} --facts {quoted}"
            t = hyperfine({"geopol": ours, "sqlite3": f"{reference} {index} {question}"}, runs, 1)
            row(f"`{view}`, {size:,} events, vs sqlite3{how}", f"{t['geopol']:.2f} s / {t['sqlite3']:.2f} s",
                t["geopol"] / t["sqlite3"], 2)  # fmt: skip
            if question != "benefits-document":
                row(f"`{view}`, {size:,} events: peak MiB", f"{peak_mib(ours):.0f} MiB", peak_mib(ours), 200)
    floor = f"{python} -c 'import typer; from pydantic import BaseModel'"
    table_floor = (
        f"{python} -c 'import typer; from pydantic import BaseModel; "
        "from rich.console import Console; from rich.table import Table'"
    )
    t = hyperfine(
        {"json": f"{geopol} country kazakhstan --json", "table": f"{geopol} country kazakhstan", "floor": floor,
         "table floor": table_floor}, max(runs, 10), 2,
    )  # fmt: skip
    row("start-up: country kazakhstan --json vs its floor", f"{t['json'] * 1000:.0f} ms / {t['floor'] * 1000:.0f} ms",
        t["json"] / t["floor"], 1.3)  # fmt: skip
    table = f"{t['table'] * 1000:.0f} ms / {t['table floor'] * 1000:.0f} ms"
    row("start-up: country kazakhstan (table) vs its floor", table, t["table"] / t["table floor"], 1.6)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geopol", default=shutil.which("geopol") or "geopol")
    parser.add_argument("--python", default=sys.executable, help="the Python that geopol is installed in")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 100000])
    parser.add_argument("--runs", type=int, default=20, help="runs of each start-up command")
    parser.add_argument("--scale-runs", type=int, default=5, help="runs of each scale command (1M events: try 1)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "geopol-bench")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--targets", action="store_true", help="also measure each target of issues 12, 13 and 21")
    parser.add_argument("--index-sizes", type=int, nargs="*", default=[100000], help="bases for the index's targets")
    parser.add_argument("--index-only", action="store_true", help="of the targets, only the index's (issue 21)")
    args = parser.parse_args()
    for tool in ("jq", "/usr/bin/time"):  # hyperfine where installed; else an interleaved timer of its own
        if not shutil.which(tool):
            print(f"benchmarks/run.py needs {tool}", file=sys.stderr)
            return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.pop("GEOPOL_FACTS", None)
    # geopol is timed as it runs once installed: from its compiled bytecode, as typer and pydantic in the
    # floor are. A shell that sets PYTHONDONTWRITEBYTECODE (some containers do) would otherwise have geopol
    # compile its own modules on every run while the floor's come precompiled from site-packages.
    # (The warm-up runs write geopol's bytecode, where an editable install has none yet.)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if not args.skip_startup:
        startup(args.geopol, args.python, args.runs)
    if args.sizes:
        scale(args.geopol, args.python, args.sizes, args.scale_runs, args.workdir)
    if args.targets or args.index_only:
        if not args.index_only:
            targets(args.geopol, args.python, args.scale_runs, args.workdir)
        index_targets(args.geopol, args.python, args.scale_runs, args.workdir, args.index_sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
