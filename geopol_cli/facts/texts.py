"""Source texts held beside a fact base, and the excerpts checked against them.

An excerpt must stand in its source's text word for word, after only these
normalisations, applied to both: Unicode NFC; runs of whitespace (line
breaks included) as one space; curly quotes and apostrophes (‘ ’ ‚ ‛ “ ” „ ‟
′ ″) as straight ones; hyphens, en and em dashes, minus signs (‐ ‑ ‒ – — ―
−) as "-". Nothing else: not case, not punctuation, not ellipses.

Offsets found in the normalised text map back to the text as written, so
that a reader is shown the passage itself: the closest one when an excerpt
is not there, or the sentences around it when it is.

A fact base may be someone else's (a pull request validated in CI), so a
held text is opened with care (:func:`open_held_text`): it must name a
regular file inside the fact base's folder, symlinks followed, of at most
:data:`MAX_TEXT_BYTES`; anything else is refused before a byte of it is read.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path

# The largest held text geopol reads (README, "What geopol promises"): a long
# report is well under 1 MiB; a book is a few. Past this a text is refused
# with a problem rather than read (a text costs a few times its size in memory).
MAX_TEXT_BYTES = 16 * 1024 * 1024

_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′", "'"),
        **dict.fromkeys("“”„‟″", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_SPACE = re.compile(r"\s+")
# What must change for whitespace runs to read as one space: a run of two or more, or one blank that is
# not a space. Most blanks are single spaces, so matching only these keeps a long text's pieces few.
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")


class TextRefused(Exception):
    """A held text that must not be read at all: outside the fact base, not a regular file, or too large.

    Unlike a missing or changed text (which only `geopol validate` reports),
    this is a problem of the fact base for every command.
    """


class TextMissing(Exception):
    """A held text that is not there, or cannot be read as UTF-8 (reported by `geopol validate`)."""


@dataclass(frozen=True)
class TextFile:
    """A held text's bytes, read once, and their SHA-256."""

    data: bytes
    sha256: str


def resolve_held(root: Path, name: str) -> Path:
    """The file a held text names, symlinks followed; TextRefused unless it lies inside ``root``."""
    if os.path.isabs(name) or name.startswith("~"):
        raise TextRefused(f"its text {name!r} is an absolute path; a held text is named relative to the fact base")
    base = Path(os.path.realpath(root))
    real = Path(os.path.realpath(base / name))
    if real != base and not real.is_relative_to(base):
        raise TextRefused(f"its text {name!r} leads outside the fact base's folder; geopol reads nothing there")
    return real


def open_held_text(root: Path, name: str) -> TextFile:
    """Read a held text (a regular file inside the fact base, at most MAX_TEXT_BYTES) once, with its hash.

    Raises TextRefused for what must not be read, TextMissing for a file
    that is not there or cannot be read.
    """
    path = resolve_held(root, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)  # O_NONBLOCK: opening a FIFO must not wait for a writer
    except FileNotFoundError:
        raise TextMissing(f"its text file {name!r} is not there (looked for {path})") from None
    except OSError as exc:
        if exc.errno is not None and exc.errno == getattr(os, "ELOOP", -1):
            raise TextRefused(f"its text {name!r} is a link geopol does not follow") from None
        raise TextMissing(f"its text file {name!r} cannot be read: {exc.strerror or exc}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise TextRefused(f"its text {name!r} is not a regular file (a device, FIFO or folder); geopol reads none")
        if status.st_size > MAX_TEXT_BYTES:
            raise TextRefused(
                f"its text {name!r} is {status.st_size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit of a held text"
            )
        data = _read_at_most(descriptor, MAX_TEXT_BYTES)
    except OSError as exc:
        raise TextMissing(f"its text file {name!r} cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)
    if data is None:  # it grew while being read
        raise TextRefused(f"its text {name!r} is over the {MAX_TEXT_BYTES:,}-byte limit of a held text")
    return TextFile(data=data, sha256=hashlib.sha256(data).hexdigest())


def _read_at_most(descriptor: int, most: int) -> bytes | None:
    """Up to ``most`` bytes, in blocks (each read returns to Python, so Ctrl-C works); None if there are more."""
    blocks: list[bytes] = []
    total = 0
    while True:
        block = os.read(descriptor, 1 << 20)
        if not block:
            return b"".join(blocks)
        total += len(block)
        if total > most:
            return None
        blocks.append(block)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def normalise(text: str) -> str:
    """The text as excerpts are compared: NFC, folded quotes and dashes, single spaces, no ends."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_FOLD)).strip()


@dataclass
class Work:
    """How many steps a search took: counted, so that a test can show it is linear without a clock."""

    steps: int = 0


@dataclass(frozen=True)
class HeldText:
    """A source's text, as written (NFC) and as compared.

    The map from offsets in ``compared`` back to ``written`` is worked out
    only when something asks for a passage as written (:meth:`closest`,
    :meth:`context`, :meth:`find`'s span): checking that an excerpt is there
    needs only the compared text. It is kept per word, not per character.
    """

    written: str
    compared: str

    @classmethod
    def of(cls, raw: str) -> HeldText:
        written = unicodedata.normalize("NFC", raw)
        return cls(written=written, compared=_ODD_SPACE.sub(" ", written.translate(_FOLD)).strip())

    @cached_property
    def _offsets(self) -> tuple[array[int], array[int]]:
        """For each word: where it starts in ``compared`` and where in ``written`` (the two differ by spaces only)."""
        in_compared: array[int] = array("q")
        in_written: array[int] = array("q")
        at = 0
        for match in re.finditer(r"\S+", self.written.translate(_FOLD)):
            in_compared.append(at)
            in_written.append(match.start())
            at += match.end() - match.start() + 1
        return in_compared, in_written

    def offset(self, i: int) -> int:
        """The offset in ``written`` of character ``i`` of ``compared`` (a space: the first blank it stands for)."""
        in_compared, in_written = self._offsets
        k = bisect_right(in_compared, i) - 1
        return in_written[k] + (i - in_compared[k])

    def contains(self, excerpt: str) -> bool:
        """Whether the excerpt stands in the text (no offsets worked out)."""
        wanted = normalise(excerpt)
        return bool(wanted) and wanted in self.compared

    def find(self, excerpt: str) -> tuple[int, int] | None:
        """Where the excerpt stands in the written text (start, end), or None."""
        wanted = normalise(excerpt)
        if not wanted:
            return None
        found = self.compared.find(wanted)
        if found < 0:
            return None
        return self.offset(found), self.offset(found + len(wanted) - 1) + 1

    @cached_property
    def _words(self) -> list[str]:
        return self.compared.split(" ") if self.compared else []

    @cached_property
    def _word_starts(self) -> array[int]:
        starts: array[int] = array("q")
        at = 0
        for word in self._words:
            starts.append(at)
            at += len(word) + 1
        return starts

    def closest(self, excerpt: str, work: Work | None = None) -> tuple[str, str]:
        """The passage most like the excerpt (as written), and what differs, word by word.

        Linear in the text: one pass of a window as long as the excerpt over
        the text's words, scoring the words they share, then a bounded
        refinement around the best window (a few positions and lengths, only
        for excerpts of up to :data:`_REFINED_WORDS` words).
        """
        work = work if work is not None else Work()
        wanted = normalise(excerpt)
        if not self.compared or not wanted:
            return "", "the text is empty" if not self.compared else "the excerpt is empty"
        have, want = self._words, wanted.split()
        first, last = _best_window(have, want, work)
        if len(want) <= _REFINED_WORDS:
            best = (-1.0, first, last)
            for size in range(max(1, len(want) - 2), len(want) + 3):
                for start in range(max(0, first - 4), min(len(have), first + 5)):
                    candidate = have[start : start + size]
                    work.steps += len(candidate) * len(want)
                    score = SequenceMatcher(None, candidate, want, autojunk=False).ratio()
                    if score > best[0]:
                        best = (score, start, min(len(have), start + size))
            _, first, last = best
        starts = self._word_starts
        start, end = starts[first], starts[last - 1] + len(have[last - 1])
        passage = self.written[self.offset(start) : self.offset(end - 1) + 1]
        return _SPACE.sub(" ", passage).strip(), _differences(have[first:last], want)

    def context(self, span: tuple[int, int]) -> tuple[str, str]:
        """What stands around a span of the written text: the sentence before and the sentence after.

        An excerpt that begins (or ends) inside a sentence gets the rest of that
        sentence as well, so the reader sees it whole. A paragraph break ends a
        sentence too (headlines and list items have no full stop). Only a few
        thousand characters either side are looked at: a sentence is no longer.
        """
        start, end = span
        low, high = max(0, start - _AROUND), min(len(self.written), end + _AROUND)
        previous = [_SPACE.sub(" ", p).strip() for p in _SENTENCE_END.split(self.written[low:start])]
        following = [_SPACE.sub(" ", p).strip() for p in _SENTENCE_END.split(self.written[end:high])]
        before = self.written[low:start].rstrip()
        starts_a_sentence = start == 0 or not before or _ENDS.search(before) is not None
        starts_a_sentence = starts_a_sentence or self.written[low:start].endswith("\n")
        ends_a_sentence = _ENDS.search(self.written[start:end].rstrip()) is not None
        head = [p for p in previous if p][-1:] if starts_a_sentence else [p for p in previous[-2:] if p]
        tail = [p for p in following if p][:1] if ends_a_sentence else [p for p in following[:2] if p]
        return " ".join(head), " ".join(tail)


# Excerpts up to this many words get the refinement in closest(); longer ones keep the best window.
_REFINED_WORDS = 64
# How far context() looks either side of an excerpt for the sentences around it.
_AROUND = 4000


def _best_window(have: list[str], want: list[str], work: Work) -> tuple[int, int]:
    """The run of len(want) words of ``have`` that shares the most words with ``want`` (counted as multisets).

    One sliding pass: each word enters and leaves the window once.
    """
    size = min(len(want), len(have))
    wanted = Counter(want)
    inside: Counter[str] = Counter()
    score = best = best_first = 0
    for i, word in enumerate(have):
        work.steps += 1
        if inside[word] < wanted[word]:
            score += 1
        inside[word] += 1
        if i >= size:
            gone = have[i - size]
            inside[gone] -= 1
            if inside[gone] < wanted[gone]:
                score -= 1
        if i >= size - 1 and score > best:
            best, best_first = score, i - size + 1
    return best_first, best_first + size


# A sentence ends with . ! ? or …, perhaps inside closing quotes or brackets.
_ENDS = re.compile(r"[.!?…][\"'’”)\]]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…][\"'’”)\]])\s+|(?<=[.!?…])\s+|\s*\n\s*\n\s*")
# What differs is told of the first this-many words of each side: three differences are shown at most.
_DIFFERENCE_WORDS = 400


def _differences(have: list[str], want: list[str]) -> str:
    """'the text has "initialled" where the excerpt has "signed"' and so on, word by word."""
    have, want = have[:_DIFFERENCE_WORDS], want[:_DIFFERENCE_WORDS]
    out = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, have, want, autojunk=False).get_opcodes():
        if op == "replace" and " ".join(have[a1:a2]).rstrip(",.;:") == " ".join(want[b1:b2]):
            continue  # the passage only runs on to a comma or stop the excerpt leaves off
        if op == "replace":
            out.append(f'the text has "{" ".join(have[a1:a2])}" where the excerpt has "{" ".join(want[b1:b2])}"')
        elif op == "delete":
            out.append(f'the excerpt leaves out "{" ".join(have[a1:a2])}"')
        elif op == "insert":
            out.append(f'the excerpt adds "{" ".join(want[b1:b2])}"')
    return "; ".join(out[:3]) + ("; …" if len(out) > 3 else "") if out else "the words are the same, not in this order"


def decode_text(data: bytes) -> HeldText:
    """A held text from its bytes (UTF-8; a byte order mark is dropped). Raises UnicodeDecodeError."""
    return HeldText.of(data.decode("utf-8-sig"))
