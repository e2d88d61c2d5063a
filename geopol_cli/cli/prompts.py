"""Asking a person for one answer at a time, on a terminal.

Questions and notes go to stderr, so that stdout stays the command's data
(`geopol add event --dry-run > record.json` still asks on the terminal).
Each answer is checked at once and asked again when it is wrong; Tab
completes known ids where readline is available; Ctrl-C stops the whole
command, and nothing has been written by then (geopol add writes last).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import Any

from geopol_cli.core.errors import UsageProblem

Check = Callable[[str], "str | None"]


def interactive() -> bool:
    """Whether a person is there to answer: standard input and standard error are terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def say(text: str) -> None:
    """A line for the person, on stderr, with untrusted text made visible (a held text's sentences included)."""
    from geopol_cli.render.safe import visible

    sys.stderr.write("\n".join(visible(line) for line in text.split("\n")) + "\n")
    sys.stderr.flush()


@contextmanager
def completing(candidates: Sequence[str]) -> Any:
    """Tab completes these words while a question is open (where the readline module exists)."""
    try:
        import readline
    except ImportError:  # Windows: no completion, the questions still work
        yield
        return
    words = sorted(set(candidates))

    def complete(text: str, state: int) -> str | None:
        found = [w for w in words if w.startswith(text)]
        return found[state] if state < len(found) else None

    previous = readline.get_completer()
    readline.set_completer(complete)
    readline.set_completer_delims(" ,")
    readline.parse_and_bind("bind ^I rl_complete" if "libedit" in (readline.__doc__ or "") else "tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous)


def ask(
    question: str,
    *,
    default: str | None = None,
    required: bool = True,
    check: Check | None = None,
    candidates: Sequence[str] = (),
    hint: str | None = None,
    empty: str = "Enter to skip",
) -> str | None:
    """One answer, checked; asked again until it passes. An empty answer takes the default (or None if optional).

    ``empty`` says what an empty answer does, for an optional question.
    """
    shown = f" [{default}]" if default else (f" ({empty})" if not required else "")
    if hint:
        say(f"  {hint}")
    while True:
        with completing(candidates):
            answer = _read_line(f"{question}{shown}: ").strip()
        if not answer:
            if default:
                answer = default
            elif not required:
                return None
            else:
                say("  ✗ an answer is needed")
                continue
        problem = check(answer) if check else None
        if problem:
            say(f"  ✗ {problem}")
            continue
        return answer


def ask_list(question: str, *, required: bool, check: Check | None = None, candidates: Sequence[str] = ()) -> list[str]:
    """Several answers on one line, separated by spaces or commas."""

    def each(answer: str) -> str | None:
        for item in split_list(answer):
            problem = check(item) if check else None
            if problem:
                return problem
        return None

    answer = ask(question, required=required, check=each, candidates=candidates)
    return split_list(answer) if answer else []


def split_list(answer: str) -> list[str]:
    """Ids, separated by spaces or commas (an id holds neither)."""
    return [item for item in answer.replace(",", " ").split() if item]


def split_names(answer: str) -> list[str]:
    """Names, separated by commas only: "Republic of Kazakhstan" is one name, not three."""
    return [" ".join(item.split()) for item in answer.split(",") if item.strip()]


def confirm(question: str, default: bool = True) -> bool:
    while True:
        answer = _read_line(f"{question} [{'Y/n' if default else 'y/N'}]: ").strip().casefold()
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        say("  ✗ answer y or n")


def choose_one(question: str, default: str, other: str) -> str:
    """One of two words, by its first letter or whole; Enter takes ``default``."""
    while True:
        answer = _read_line(f"{question} [{default[0].upper()}{default[1:]}/{other}]: ").strip().casefold()
        if not answer:
            return default
        for word in (default, other):
            if answer in (word, word[0]):
                return word
        say(f"  ✗ answer {default} or {other} (or their first letters)")


def choose_letter(question: str, words: Sequence[str]) -> str:
    """One of ``words``, by its first letter or whole (no default: an answer is needed)."""
    shown = "/".join(w[0] for w in words)
    while True:
        answer = _read_line(f"{question} [{shown}]: ").strip().casefold()
        for word in words:
            if answer and answer in (word, word[0]):
                return word
        say(f"  ✗ answer {', '.join(words[:-1])} or {words[-1]} (or their first letters)")


def _read_line(prompt: str) -> str:
    """One line from the person, after ``prompt``.

    On a terminal, readline shows the prompt itself, so that editing and
    completion redraw the line right; when stdout is not the terminal (a dry
    run piped to a file), the prompt goes to stderr, so the data stays clean.
    """
    from geopol_cli.render.safe import visible

    prompt = visible(prompt)  # a default or a candidate in it may come from the facts
    try:
        if sys.stdout.isatty():
            return input(prompt)
        sys.stderr.write(prompt)
        sys.stderr.flush()
        return input()
    except EOFError:
        raise UsageProblem("the input ended before every question was answered; nothing was written") from None
