"""A held text as paragraphs, sentences and words, each with where it stands in the text as written.

Every span keeps its offsets into the text, so that an excerpt is cut from
the text itself, word for word. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters and digits, with the apostrophes, dots, hyphens and ampersands inside names ("U.S.",
# "Kassym-Jomart", "Azerbaijan’s"); a quotation mark or any other sign is a token of its own.
_TOKEN = re.compile(r"[^\W_](?:[\w&’'.-]*[^\W_])?\.?|[“”\"‘’«»()—–;:,.!?]")
_PARAGRAPH = re.compile(r"\n\s*\n")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep", "gov", "prof", "jr", "sr", "vs", "etc",
    "no", "inc", "co", "corp", "jan", "feb", "mar", "apr", "aug", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "e.u", "d.c", "a.m", "p.m", "approx", "est", "capt", "maj", "adm", "cmdr",
}  # fmt: skip
_CLOSERS = "”\"’')]»"
QUOTES_OPEN = '“"‘«'
QUOTES_CLOSE = '”"’»'


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The word without a possessive ending or a final full stop, as names are looked up."""
        word = self.text
        for ending in ("’s", "'s", "’", "'"):
            if word.endswith(ending) and len(word) > len(ending):
                word = word[: -len(ending)]
                break
        if word.endswith(".") and word.count(".") == 1:
            word = word[:-1]
        return word

    @property
    def lower(self) -> str:
        return self.word.casefold()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("’s", "'s"))


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int
    title: bool = False  # the text's first line, standing alone with no full stop: its headline

    def words(self, text: str) -> str:
        return text[self.start : self.end]


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def sentences(text: str) -> list[Sentence]:
    """The text's sentences, in order, each with its paragraph's number."""
    out: list[Sentence] = []
    at = 0
    paragraphs = []
    for match in _PARAGRAPH.finditer(text):
        paragraphs.append((at, match.start()))
        at = match.end()
    paragraphs.append((at, len(text)))
    for number, (p_start, p_end) in enumerate(paragraphs):
        block = text[p_start:p_end]
        if not block.strip():
            continue
        lines = [(p_start + m.start(), p_start + m.end()) for m in re.finditer(r"[^\n]+", block)]
        # A line with no closing full stop, followed by more, stands alone (a headline, a heading).
        pieces: list[tuple[int, int, bool]] = []
        run_start: int | None = None
        for i, (l_start, l_end) in enumerate(lines):
            line = text[l_start:l_end].strip()
            alone = bool(line) and line[-1] not in '.!?:;,”"’)' and i + 1 < len(lines)
            if alone:
                if run_start is not None:
                    pieces.append((run_start, lines[i - 1][1], False))
                    run_start = None
                pieces.append((l_start, l_end, True))
            elif run_start is None:
                run_start = l_start
        if run_start is not None:
            pieces.append((run_start, lines[-1][1], False))
        if len(lines) == 1 and not out and number == 0:
            line = text[lines[0][0] : lines[0][1]].strip()
            if line and line[-1] not in ".!?":
                pieces = [(lines[0][0], lines[0][1], True)]
        for piece_start, piece_end, alone in pieces:
            out += _split(text, piece_start, piece_end, number, title=alone and not out)
    return out


def _split(text: str, start: int, end: int, paragraph: int, title: bool) -> list[Sentence]:
    found = tokens(text, start, end)
    out: list[Sentence] = []
    first = 0
    depth = 0  # inside a quotation, a full stop does not end the sentence unless the quotation ends with it
    straight = False  # inside a quotation in straight marks, which open and close alike
    for i, token in enumerate(found):
        if token.text in "“«":
            depth += 1
        elif token.text in "”»" and depth:
            depth -= 1
        elif token.text == '"':
            straight = not straight
            depth += 1 if straight else -1
        ends = token.text in (".", "!", "?") or (token.text.endswith(".") and _ends_sentence(token))
        if not ends or depth:
            continue
        last = i
        while last + 1 < len(found) and found[last + 1].text in _CLOSERS:
            last += 1
        following = found[last + 1] if last + 1 < len(found) else None
        if following is not None and not (following.text[:1].isupper() or following.text[:1] in QUOTES_OPEN
                                           or following.text[:1].isdigit()):  # fmt: skip
            continue
        out.append(Sentence(found[first].start, found[last].end, tuple(found[first : last + 1]), paragraph))
        first = last + 1
    if first < len(found):
        out.append(Sentence(found[first].start, found[-1].end, tuple(found[first:]), paragraph, title=title))
    return out


def _ends_sentence(token: Token) -> bool:
    """A word with a full stop: the end of a sentence, unless an abbreviation or an initial ("J.")."""
    stem = token.text[:-1].casefold()
    if stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
        return False
    return not re.fullmatch(r"(?:[a-z]\.)+[a-z]", stem)  # U.S.
