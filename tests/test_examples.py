"""Every example in the README and in every --help runs and exits 0.

An example's geopol part (before a pipe or a redirection) runs through the
entry point, as the `geopol` script does; placeholders a reader would replace
(`my-facts.json`) point at a copy of the bundled facts. `--install-completion`
is not run: it changes the reader's shell set-up; nor what shows a key to press
(`geopol person shu<Tab>`).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer

from geopol_cli.cli.app import app

from .conftest import BUNDLED, REPO, geopol

SKIP = ("--install-completion",)


def _geopol_part(line: str) -> list[str] | None:
    line = line.split(" #", 1)[0].strip()
    if not line.startswith("geopol") or any(s in line for s in SKIP) or "…" in line or "<Tab>" in line:
        return None
    words = shlex.split(line, comments=False)
    for i, word in enumerate(words):
        if word in ("|", ">", ">>") or word.startswith(">"):
            words = words[:i]
            break
    return words[1:]


def readme_examples() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        found += block.replace("\\\n", " ").splitlines()
    # Inline examples; a span with a placeholder (NAME, [COMMAND], F) is syntax, not an example.
    found += [span for span in re.findall(r"`(geopol [^`]+)`", text) if not re.search(r"\b[A-Z]{1,}\b|\[|\w\|\w", span)]
    return [args for line in found if (args := _geopol_part(line)) is not None and args]


def help_examples() -> list[list[str]]:
    group = typer.main.get_command(app)
    ctx = group.make_context("geopol", [], resilient_parsing=True)
    found = []
    commands = [group.get_command(ctx, name) for name in group.list_commands(ctx)]  # type: ignore[attr-defined]
    for command in commands:
        # A group's own commands too (add event, edit actor): their examples are run like the others.
        if hasattr(command, "list_commands"):
            sub = command.make_context(command.name, [], parent=ctx, resilient_parsing=True)
            commands += [command.get_command(sub, name) for name in command.list_commands(sub)]
    for command in commands:
        doc = (command.callback.__doc__ or "") if command.callback else ""
        examples = doc.split("Examples:", 1)[1].replace("\\\n", " ") if "Examples:" in doc else ""
        found += [args for line in examples.splitlines() if (args := _geopol_part(line)) is not None and args]
    return found


# Placeholders a reader would replace, and what stands in for them: a copy of the bundled facts
# (as a file, or as a fact base folder), and a text file of a source.
FILES = ("my-facts.json", "draft.json")
FOLDERS = ("my-facts", "my-facts/")
TEXTS = ("report.txt", "texts/report.txt")


def _prepare(word: str, folder: Path) -> None:
    if word == "events.json":  # a table geopol wrote: the bundled timeline
        (folder / word).write_text(geopol("timeline", "--json").stdout, encoding="utf-8")
    elif word == "sheet.tsv":  # a spreadsheet of one's own
        (folder / word).write_text(
            "When\tWho\tKind\tDirection\tWhat\tSaid\nIn October\tArmenia\tdiplomatic\taway\tLeaders meet.\tThey met.\n",
            encoding="utf-8",
        )
    if word in FILES:
        shutil.copy(BUNDLED, folder / word)
    elif word in FOLDERS:
        (folder / "my-facts").mkdir(exist_ok=True)
        shutil.copy(BUNDLED, folder / "my-facts" / "facts.json")
    elif word in TEXTS:
        (folder / word).parent.mkdir(parents=True, exist_ok=True)
        (folder / word).write_text("The Union signed a pact with Åland on 6 July 2022.\n", encoding="utf-8")


def test_there_are_examples_to_run() -> None:
    assert len(readme_examples()) >= 20 and len(help_examples()) >= 25


@pytest.mark.parametrize("args", readme_examples() + help_examples(), ids=" ".join)
def test_every_example_runs(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # examples that write (init, add, fmt) write here
    stdin = ""
    if "<" in args:
        at = args.index("<")
        _prepare(args[at + 1], tmp_path)
        stdin = (tmp_path / args[at + 1]).read_text(encoding="utf-8")
        args = args[:at]
    if args[0] != "init":  # init makes its folder itself
        for word in args:
            _prepare(word, tmp_path)
    if args[0] == "undo":
        # Something to take back: as many journaled changes as the example undoes.
        count = int(args[1]) if len(args) > 1 and args[1].isdigit() else 1
        for number in range(count):
            made = geopol("--facts", "my-facts.json", "edit", "actor", "kazakhstan", "--region", f"Region {number}")
            assert made.exit_code == 0, made.stderr
    if "--show-completion" in args:
        # It detects the shell it runs from, by the processes above it: here, bash, whatever ran the tests.
        import shellingham

        monkeypatch.setattr(shellingham, "detect_shell", lambda *_: ("bash", "/bin/bash"))
    ran = geopol(*args, width=100, input=stdin)
    assert ran.exit_code == 0, ran.stderr
