"""Source texts held beside a fact base, and the excerpts checked against them.

An excerpt must stand in its source's text word for word, after only these
normalisations, applied to both: Unicode NFC; runs of whitespace (line
breaks included) as one space; curly quotes and apostrophes (‘ ’ ‚ ‛ “ ” „ ‟
′ ″) as straight ones; hyphens, en and em dashes, minus signs (‐ ‑ ‒ – — ―
−) as "-". Nothing else: not case, not punctuation, not ellipses.

Offsets found in the normalised text map back to the text as written, so
that a reader is shown the passage itself: the closest one when an excerpt
is not there, or the sentences around it when it is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′", "'"),
        **dict.fromkeys("“”„‟″", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_SPACE = re.compile(r"\s+")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def normalise(text: str) -> str:
    """The text as excerpts are compared: NFC, folded quotes and dashes, single spaces, no ends."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_FOLD)).strip()


@dataclass(frozen=True)
class HeldText:
    """A source's text, as written (NFC) and as compared, with the map from the one to the other."""

    written: str
    compared: str
    at: list[int]  # at[i]: the offset in ``written`` of character i of ``compared``

    @classmethod
    def of(cls, raw: str) -> HeldText:
        written = unicodedata.normalize("NFC", raw)
        folded = written.translate(_FOLD)
        chars: list[str] = []
        at: list[int] = []
        in_space = True  # leading whitespace is dropped
        for i, char in enumerate(folded):
            if char.isspace():
                if not in_space:
                    chars.append(" ")
                    at.append(i)
                in_space = True
            else:
                chars.append(char)
                at.append(i)
                in_space = False
        if chars and chars[-1] == " ":
            chars.pop()
            at.pop()
        return cls(written=written, compared="".join(chars), at=at)

    def find(self, excerpt: str) -> tuple[int, int] | None:
        """Where the excerpt stands in the written text (start, end), or None."""
        wanted = normalise(excerpt)
        if not wanted:
            return None
        found = self.compared.find(wanted)
        if found < 0:
            return None
        return self.at[found], self.at[found + len(wanted) - 1] + 1

    def closest(self, excerpt: str) -> tuple[str, str]:
        """The passage most like the excerpt (as written), and what differs, word by word."""
        wanted = normalise(excerpt)
        if not self.compared or not wanted:
            return "", "the text is empty" if not self.compared else "the excerpt is empty"
        matcher = SequenceMatcher(None, self.compared, wanted, autojunk=False)
        block = matcher.find_longest_match(0, len(self.compared), 0, len(wanted))
        # A window round the longest common run, wide enough for the words around it ...
        slack = len(wanted) // 4 + 16
        low = max(0, block.a - block.b - slack)
        high = min(len(self.compared), block.a - block.b + len(wanted) + slack)
        words = [(m.start() + low, m.end() + low) for m in re.finditer(r"\S+", self.compared[low:high])]
        # ... then the run of words there most like the excerpt's (its length give or take two words).
        have = [self.compared[a:b] for a, b in words]
        want = wanted.split()
        if not have:
            return "", "no passage of the text shares a word with it"
        best = (-1.0, 0, 0)
        for size in range(max(1, len(want) - 2), len(want) + 3):
            for first in range(0, max(1, len(have) - size + 1)):
                score = SequenceMatcher(None, have[first : first + size], want, autojunk=False).ratio()
                if score > best[0]:
                    best = (score, first, min(len(have), first + size))
        _, first, last = best
        start, end = words[first][0], words[last - 1][1]
        written = self.written[self.at[start] : self.at[end - 1] + 1]
        return _SPACE.sub(" ", written).strip(), _differences(" ".join(have[first:last]), wanted)

    def context(self, span: tuple[int, int]) -> tuple[str, str]:
        """What stands around a span of the written text: the sentence before and the sentence after.

        An excerpt that begins (or ends) inside a sentence gets the rest of that
        sentence as well, so the reader sees it whole. A paragraph break ends a
        sentence too (headlines and list items have no full stop).
        """
        start, end = span
        previous = [_SPACE.sub(" ", p).strip() for p in _SENTENCE_END.split(self.written[:start])]
        following = [_SPACE.sub(" ", p).strip() for p in _SENTENCE_END.split(self.written[end:])]
        before = self.written[:start].rstrip()
        starts_a_sentence = not before or _ENDS.search(before) is not None or self.written[:start].endswith("\n")
        ends_a_sentence = _ENDS.search(self.written[start:end].rstrip()) is not None
        head = [p for p in previous if p][-1:] if starts_a_sentence else [p for p in previous[-2:] if p]
        tail = [p for p in following if p][:1] if ends_a_sentence else [p for p in following[:2] if p]
        return " ".join(head), " ".join(tail)


# A sentence ends with . ! ? or …, perhaps inside closing quotes or brackets.
_ENDS = re.compile(r"[.!?…][\"'’”)\]]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…][\"'’”)\]])\s+|(?<=[.!?…])\s+|\s*\n\s*\n\s*")


def _differences(passage: str, wanted: str) -> str:
    """'the text has "initialled" where the excerpt has "signed"' and so on, word by word."""
    have, want = passage.split(), wanted.split()
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


def read_text(path: Path) -> HeldText:
    """A held text from its file (UTF-8; a byte order mark is dropped). Raises OSError or UnicodeDecodeError."""
    return HeldText.of(path.read_text(encoding="utf-8-sig"))
