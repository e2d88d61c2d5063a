"""Records proposed from a held text: events, claims and the actors and people they name.

A sentence at a time, in the text's order:

* an **event** for each act a clause tells (words.TRIGGERS): its subject
  (the actors named before the verb, asides set apart; else the one a
  pronoun or a coordinated verb carries on from; else the paragraph's
  heading), its targets (named after it, what is bypassed aside), the
  date the clause (or the sentence's opening words) gives, resolved
  against the source's date, else "by the source's date"; its kind from
  the verb or the clause's topic; its direction relative to the focus,
  guessed from the act's polarity;
* a **claim** for reported speech (words.SPEECH, "according to", a
  quotation and its speaker, a headline), unless it is the publication's
  own telling of an act, which is an event;
* an **actor** for each state or organisation named that the base lacks,
  and a **person** for a new speaker.

Each candidate carries the shortest span of its sentence that supports it,
cut from the text as written, and the reasons for every part of it; every
guess says it is one. Nothing here writes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from geopol_cli.core.vocabulary import STANCE_MEANINGS
from geopol_cli.core.wording import Resolved, WordingError, resolve
from geopol_cli.edit.extract import words as lists
from geopol_cli.edit.extract.names import Mention, Names, build_names, fold
from geopol_cli.edit.extract.text import QUOTES_CLOSE, QUOTES_OPEN, Sentence, Token, sentences
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Claim, Event
from geopol_cli.query.results import Candidate, Proposals, ProposedDate

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Date wordings a sentence may hold, as core/wording.py resolves them; the longest at a place wins.
_DATES = re.compile(
    rf"\b(?:(?:[Ee]ven\s+)?(?:[Bb]efore|[Aa]fter|[Ss]ince)\s+the\s+[a-z]+(?:\s+in\s+[A-Z]\w+)?"
    rf"|(?:(?:[Ii]n|[Oo]n|[Dd]uring|[Bb]y)\s+)?"
    rf"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+|(?:at\s+)?the\s+(?:end|start|beginning)\s+of\s+)?(?:last\s+|this\s+)?"
    rf"(?:{_MONTH}(?:\s+{_DAY})?(?:,?\s+\d{{4}})?|{_DAY}\s+{_MONTH}(?:\s+\d{{4}})?)"
    rf"|(?:[Ii]n|[Dd]uring)\s+the\s+(?:spring|summer|autumn|fall|winter)(?:\s+of\s+\d{{4}})?"
    rf"|[Ll]ast\s+(?:spring|summer|autumn|fall|winter|year|month|week)"
    rf"|(?:[Ee]arlier\s+)?this\s+(?:year|month|week)"
    rf"|(?:[Ii]n|[Ss]ince|[Bb]y)\s+(?:(?:early|mid|late)[\s-]+)?\d{{4}}"
    rf"|(?:[Oo]n\s+|[Ll]ast\s+|[Tt]his\s+){_WEEKDAY})\b"
)
_DATELINE = re.compile(r"\s*\([A-Z][\w .&-]*\)\s*[-–—]")
_PRONOUNS = ("he", "she", "it", "they")
# The words of a speech tag that are not its speaker: "according to X", "X said that", "quoted X as saying".
_TAG_WORDS = ("according", "to", "that", "as", "quoted", "saying")
_SPEAKER_PRONOUNS = ("her", "him", "them", "he", "she", "they")
# "the organization's exercises": the last organisation named; "into the country": the actor's own.
_GROUPS = ("alliance", "bloc", "organisation")
_REFERRING = {"organization": _GROUPS, "organisation": _GROUPS, "alliance": ("alliance",), "bloc": ("bloc",)}


@dataclass
class _Context:
    """What a text has told so far: who acted last, who spoke last, what the paragraph is about."""

    paragraph: int = -1
    topic: str | None = None
    subject: list[str] = field(default_factory=list)
    sentence: int = -1  # where the sentence that last named a subject starts
    speaker: str | None = None
    previous_about: list[str] = field(default_factory=list)
    last_of_kind: dict[str, str] = field(default_factory=dict)


@dataclass
class _Found:
    """One act in one sentence, before it becomes a candidate."""

    trigger: lists.Trigger
    at: int
    length: int
    clause: tuple[int, int]


class Extractor:
    """Reads one source's text against a fact base and proposes records."""

    def __init__(self, facts: Facts, source_id: str, text: str, names: Names | None = None) -> None:
        from geopol_cli.edit.add import date_anchors, known_ids, source_reference_date

        self.facts = facts
        self.source_id = source_id
        self.text = text
        self.names = names if names is not None else build_names(facts)
        self.reference = source_reference_date(facts, source_id)
        source = facts.sources[source_id]
        self.narrator = source.retells if source.retells in facts.sources else source_id
        self.reference_note = (
            f"the source's date, {self.reference}"
            if source.date
            else f"the date of the report it retells ({self.narrator}), {self.reference}"
        )
        self.anchors = date_anchors(facts)
        self.taken = known_ids(facts)
        self.focus = facts.base.focus
        self.context = _Context()
        self.candidates: list[Candidate] = []
        self.new_people: dict[str, Candidate] = {}
        self.new_actor_seen: dict[str, str] = {}  # id -> the words first naming it
        self.already = 0
        self._held = _held_excerpts(facts, source_id)

    # --- the text, a sentence at a time ------------------------------------------------------------------

    def run(self) -> Proposals:
        for sentence in sentences(self.text):
            self._sentence(sentence)
        actors = [self._actor_candidate(i, said) for i, said in self.new_actor_seen.items()]
        ordered = [*actors, *self.new_people.values(), *self.candidates]
        return Proposals(source=self.source_id, candidates=ordered, already=self.already)

    def _sentence(self, sentence: Sentence) -> None:
        toks = sentence.tokens
        if sentence.paragraph != self.context.paragraph:
            self.context.paragraph = sentence.paragraph
            self.context.topic = None
            self.context.subject = []
        mentions = self.names.mentions(toks)
        for mention in mentions:
            self._note_actor(mention)
        words = [t for t in toks if t.text not in ".!?"]
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(words):
            self.context.topic = mentions[0].named.actor  # a heading: "Kazakhstan."
            return
        quoted = _regions(toks, QUOTES_OPEN, QUOTES_CLOSE)
        tag = _speech_tag(toks)
        if sentence.title:
            self._claim(sentence, mentions, quoted, None, speaker=self.source_id, why="the text's headline: the "
                        "source's own claim")  # fmt: skip
            return
        acts = self._acts(toks, quoted, tag)
        speaker, why, attributed = self._speaker(sentence, toks, mentions, tag, quoted)
        told = 0
        if speaker is None or speaker in self.facts.sources:
            # The publication's own telling of an act is an event; a person's words are a claim.
            told = sum(self._event(sentence, toks, mentions, found, tag, told_by=speaker) for found in acts)
        if speaker is not None and not told:
            self._claim(sentence, mentions, quoted, tag, speaker=speaker, why=why, attributed=attributed)
        self.context.previous_about = self._actors_of(mentions, tag)

    # --- acts ---------------------------------------------------------------------------------------------

    def _acts(self, toks: Sequence[Token], quoted: list[tuple[int, int]], tag: tuple[int, int] | None) -> list[_Found]:
        lowers = [t.lower for t in toks]
        found: list[_Found] = []
        at = 0
        while at < len(toks):
            match = _trigger_at(lowers, at)
            if match is None or _inside(at, quoted) or (tag and tag[0] <= at < tag[1]):
                at += 1
                continue
            trigger, length = match
            if not trigger.noun and at > 0 and lowers[at - 1] == "to":
                at += length  # "to reduce": what is sought, not done
                continue
            if lowers[at].endswith("ing") and lowers[at + length : at + length + 1] == ["of"]:
                at += length  # "the opening of borders": a noun, not an act told
                continue
            if lowers[at] in ("agreed", "agrees") and at + 1 < len(lowers) and lowers[at + 1] == "that":
                at += 1  # "agrees that": speech
                continue
            found.append(_Found(trigger, at, length, (0, 0)))
            at += length
        clauses = _clauses(toks, lowers, [f.at for f in found if not f.trigger.noun], tag)
        kept: list[_Found] = []
        places: dict[int, tuple[tuple[int, int], tuple[int, int] | None]] = {}
        for f in found:
            f.clause = next(c for c in clauses if c[0] <= f.at < c[1])
            # A subordinate aside ("after the CSTO refused …") tells an act of its own.
            aside = next((a for a in _asides(toks, lowers, *f.clause) if a[0] <= f.at < a[1]), None)
            places[id(f)] = (f.clause, aside if aside and lowers[aside[0]] in lists.SUBORDINATORS else None)
        for f in found:
            place = places[id(f)]
            if any(places[id(k)] == place for k in kept):
                continue  # one act a clause: "signed an agreement on an expanded partnership"
            if f.trigger.noun and any(places[id(k)] == place for k in found if not k.trigger.noun):
                continue  # a clause that tells its act with a verb: the noun is part of it
            kept.append(f)
        return kept

    def _event(
        self,
        sentence: Sentence,
        toks: Sequence[Token],
        mentions: list[Mention],
        found: _Found,
        tag: tuple[int, int] | None,
        told_by: str | None,
    ) -> bool:
        """Propose the act as an event; whether one was (or the base already holds it)."""
        reasons: list[str] = []
        lowers = [t.lower for t in toks]
        trigger = found.trigger
        start, end = found.clause
        asides = _asides(toks, lowers, start, end)
        inside = next((a for a in asides if a[0] <= found.at < a[1]), None)
        if inside is not None:
            start, end = inside
        acted = " ".join(t.text for t in toks[found.at : found.at + found.length])
        subject_region = [m for m in mentions if start <= m.start < found.at and not _in_any(m.start, asides, inside)]
        subject: list[str] = []
        people: list[str] = []
        subject_mentions: list[Mention] = []
        plural = False
        if trigger.noun and trigger.polarity != "with":
            end = _noun_phrase_end(toks, lowers, mentions, found.at + found.length, end)
        after = [
            m for m in mentions if found.at + found.length <= m.start < end and not _in_any(m.start, asides, inside)
        ]
        if trigger.noun and trigger.polarity == "with":
            subject_mentions = after
            after = []
            if subject_mentions:
                reasons.append(f"actors: named in “{acted} …”")
        elif (
            found.at > 0
            and lowers[found.at - 1] in ("who", "which", "that")
            and any(m.end == found.at - 1 for m in mentions)
        ):
            subject_mentions = [m for m in mentions if m.end == found.at - 1]
            start = min(start, subject_mentions[0].start)
            reasons.append(f"actor: “{subject_mentions[0].said}”, who {acted}")
        elif subject_region:
            subject_mentions = subject_region
            reasons.append(f"actor: named before “{acted}”: " + ", ".join(f"“{m.said}”" for m in subject_region))
        for m in subject_mentions:
            if m.named.actor and m.named.actor not in subject:
                subject.append(m.named.actor)
                if not m.named.how.startswith("the fact base"):
                    reasons.append(f"“{m.said}” is {m.named.how}")
            if m.named.person and m.named.person not in people:
                people.append(m.named.person)
                if m.named.actor:
                    reasons.append(f"“{m.said}” is the fact base's person {m.named.person}, of {m.named.actor}")
            plural = plural or m.named.plural
        if not subject:
            before = lowers[max(start, found.at - 3) : found.at]
            pronoun = next((w for w in before if w in _PRONOUNS), None)
            coordinated = lowers[start] in ("and", "but") or (start > 0 and lowers[start - 1] in ("and", "but"))
            if pronoun and self.context.subject:
                subject = list(self.context.subject)
                reasons.append(f"actor (a guess): “{pronoun}” taken as {', '.join(subject)}, the actor of the "
                               "sentence before; the text names no one here")  # fmt: skip
            elif (coordinated or inside is None) and self.context.subject and self.context.sentence == sentence.start:
                subject = list(self.context.subject)
                reasons.append(f"actor: {', '.join(subject)}, the subject of the verb before “{acted}”")
            elif coordinated and (first := _sentence_subject(mentions, start, asides)):
                subject = [m.named.actor for m in first if m.named.actor]
                people += [m.named.person for m in first if m.named.person]
                reasons.append(f"actor: named at the start of the sentence: “{first[0].said}”")
            elif self.context.topic:
                subject = [self.context.topic]
                reasons.append(f"actor (a guess): {self.context.topic}, the paragraph's heading")
            elif trigger.noun and self.focus:
                subject = [self.focus]
                reasons.append(f"actor (a guess): the text names no one waging it; the fact base's focus, "
                               f"{self.focus}")  # fmt: skip
        if not subject:
            return False
        # Targets: named after the act, except what it moves away from and the actors themselves.
        targets: list[str] = []
        away_from: list[str] = []
        people_of: set[str] = set()  # "Russians": a state's people named, not the state
        states: set[str] = set()
        for m in after:
            actor = m.named.actor
            if actor is None or actor in subject:
                continue
            if _after_words(lowers, m.start, lists.AWAY_FROM):
                away_from.append(actor)
                reasons.append(f"“{m.said}” is what the act moves away from, not its target")
                continue
            if actor not in targets:
                targets.append(actor)
            if m.named.plural:
                people_of.add(actor)
            else:
                states.add(actor)
        for word, kinds in _REFERRING.items():
            for i in range(found.at + found.length, end):
                if lowers[i] == word and i > 0 and lowers[i - 1] == "the":
                    referred = next((a for k in kinds if (a := self.context.last_of_kind.get(k))), None)
                    if referred and referred not in subject and referred not in targets:
                        targets.append(referred)
                        reasons.append(f"target: “the {toks[i].word}” taken as {referred}, the last one named")
        if inside is not None and lowers[found.at] in ("refused", "declined", "failed"):
            main = [m.named.actor for m in mentions if m.start < inside[0] and m.named.actor]
            for actor in main[:1]:
                if actor not in subject and actor not in targets:
                    targets.append(actor)
                    reasons.append(f"target: {actor}, the sentence's subject, the one the refusal left unhelped")
        elsewhere = [(toks[a].start, toks[b - 1].end) for a, b in asides if (a, b) != inside]
        date = self._date(sentence, toks, found, (start, end), inside, elsewhere, reasons)
        own = [w for i, w in enumerate(lowers[start:end], start) if not _in_any(i, asides, inside)]
        kind = self._kind(trigger, own, reasons)
        acted_on = [t for t in targets if t in states or t not in people_of]
        if trigger.noun and trigger.polarity == "with" and len(subject) > 1:
            acted_on = subject[1:]  # "a meeting of A and B": each is the other's counterpart
        direction = self._direction(trigger, subject, acted_on, away_from, kind, plural, reasons)
        excerpt_start = self._excerpt_start(toks, lowers, subject_mentions, found, start, asides, inside)
        excerpt_end = _trim_end(toks, end)
        excerpt = self.text[toks[excerpt_start].start : toks[excerpt_end - 1].end]
        if told_by:
            reasons.append(f"told as {told_by}'s account (“{' '.join(t.text for t in toks[tag[0]:tag[1]])}”)"
                           if tag else f"told as {told_by}'s account")  # fmt: skip
        self.context.subject = subject
        self.context.sentence = sentence.start
        if self._is_held(excerpt):
            return True
        summary = f"{self._names(subject)} — {acted}" + (f" — {self._names(targets)}" if targets else "")
        reasons.append("summary: drafted from the actors and the act; put it in your own words (edit)")
        record: dict[str, Any] = {
            "id": self._id(summary),
            "date": _date_record(date),
            "actors": subject,
            **({"people": people} if people else {}),
            **({"targets": targets} if targets else {}),
            "kind": kind,
            **({"direction": direction} if direction else {}),
            "summary": summary,
            "citations": [{"source": self.source_id, "excerpt": excerpt}],
        }
        if date is None:
            del record["date"]
        self.candidates.append(
            Candidate(
                type="event", id=record["id"], excerpt=excerpt, quote=None, actors=subject, targets=targets,
                people=people, date=date, kind=kind, direction=direction, by=None, attributed_to=None, about=[],
                stance=None, name=None, needs=self._needs([*subject, *targets]), reasons=reasons, record=record,
            )
        )  # fmt: skip
        return True

    def _excerpt_start(
        self,
        toks: Sequence[Token],
        lowers: list[str],
        subject: list[Mention],
        found: _Found,
        start: int,
        asides: list[tuple[int, int]],
        inside: tuple[int, int] | None,
    ) -> int:
        """The subject's first word when it stands close before the act (asides of a few words aside), else the
        act's own first word with the adverbs that qualify it ("even welcomed")."""
        near = [m for m in subject if m.start >= start]
        if near and not found.trigger.noun:
            first = min(m.start for m in near)
            between = [
                i for i in range(first, found.at) if not _in_any(i, [a for a in asides if a[1] - a[0] <= 4], inside)
            ]
            if len(between) <= 8:
                return first - 1 if first > start and lowers[first - 1] == "the" else first
        at = found.at
        if found.trigger.noun:
            # Back to the noun's article, over the few words that qualify it ("the first official meeting").
            for back in range(1, 5):
                if at - back < start or not toks[at - back].text[:1].isalnum():
                    break
                if lowers[at - back] in ("the", "a", "an"):
                    return at - back
        while at > start and lowers[at - 1] in lists.ADVERBS and found.at - at < 2:
            at -= 1
        return at

    # --- dates, kinds, directions -------------------------------------------------------------------------

    def _date(
        self,
        sentence: Sentence,
        toks: Sequence[Token],
        found: _Found,
        clause: tuple[int, int],
        inside: tuple[int, int] | None,
        elsewhere: list[tuple[int, int]],
        reasons: list[str],
    ) -> ProposedDate | None:
        """The date the act's own clause gives (or the sentence's opening words), not one an aside gives."""
        first, last = toks[clause[0]].start, toks[clause[1] - 1].end
        candidates: list[tuple[int, str]] = []
        for match in _DATES.finditer(self.text, sentence.start, sentence.end):
            if _DATELINE.match(self.text, match.end()):
                continue  # "May 11 (Interfax) - …": when the report was filed, not when the act was
            in_clause = first <= match.start() < last
            opening = match.start() - sentence.start < 25 and inside is None  # "In the summer, he signed"
            aside = any(a <= match.start() < b for a, b in elsewhere)
            if (in_clause or opening) and not aside:
                candidates.append((0 if in_clause else 1, match.group(0)))
        for _, said in sorted(candidates, key=lambda c: c[0]):
            words = re.sub(r"^(?:[Ii]n|[Oo]n|[Dd]uring|[Bb]y)\s+(?=[A-Z]|the\s)", "", said).replace("’s", "")
            try:
                resolved = resolve(words, self.reference, self.anchors)
            except (WordingError, ValueError):
                reasons.append(f"date: “{said}” could not be resolved (no such event in the fact base to count from)")
                continue
            reasons.append(f"date: “{said}”" + (f": {_how(resolved)}" if resolved.inferred else ""))
            return ProposedDate(resolved.start, resolved.end, said, resolved.inferred)
        if self.reference is None:
            reasons.append("date: none in the sentence, and the source has no date to bound it: give one (edit)")
            return None
        how = f"The text gives no date for it; it is reported by {self.reference_note}, so it happened by then."
        reasons.append("date: none in the sentence: an open start, ending on the source's date")
        return ProposedDate(None, self.reference, None, how)

    def _kind(self, trigger: lists.Trigger, own: list[str], reasons: list[str]) -> str:
        """The verb's own kind, or the first the clause's own words name (its asides and dates aside)."""
        if trigger.kind is not None:
            reasons.append(f"kind {trigger.kind}: the act “{' '.join(trigger.words[:1])}” and its kind (word list)")
            return trigger.kind
        # "even before the war" says when, not what.
        words = _DATES.sub(" ", " ".join(own))
        clause = " " + words + " "
        for kind, topic in lists.TOPICS:
            named = next((w for w in topic if f" {w} " in clause), None)
            if named:
                reasons.append(f"kind {kind}: the clause names “{named}” (word list)")
                return kind
        reasons.append(f"kind {lists.DEFAULT_KIND} (a guess): the clause names no topic of the word list")
        return lists.DEFAULT_KIND

    def _direction(
        self,
        trigger: lists.Trigger,
        actors: list[str],
        targets: list[str],
        away_from: list[str],
        kind: str,
        plural: bool,
        reasons: list[str],
    ) -> str | None:
        focus = self.focus
        if focus is None:
            return None
        guess = "direction {} (a guess): {}"
        if focus in actors and (plural or kind in ("military", "migration")):
            reasons.append(guess.format("other", f"{focus}'s people or forces act, not a counter-move"))
            return "other"
        if focus in actors:
            reasons.append(guess.format("counter", f"the focus, {focus}, acts"))
            return "counter"
        if focus in away_from:
            reasons.append(guess.format("away", f"the act moves away from the focus, {focus}"))
            return "away"
        if focus in targets:
            word = "away" if trigger.polarity == "against" else "towards" if trigger.polarity == "with" else "other"
            reasons.append(guess.format(word, f"an act {trigger.polarity or 'neither with nor against'} the focus"))
            return word
        if kind == "military" or trigger.polarity == "against" or not targets:
            reasons.append(guess.format("other", "the focus is not named, and the act turns to no one new"))
            return "other"
        reasons.append(guess.format("away", f"a cooperation with {', '.join(targets) or 'another'}, not the focus"))
        return "away"

    # --- claims -------------------------------------------------------------------------------------------

    def _speaker(
        self,
        sentence: Sentence,
        toks: Sequence[Token],
        mentions: list[Mention],
        tag: tuple[int, int] | None,
        quoted: list[tuple[int, int]],
    ) -> tuple[str | None, str, str | None]:
        """Who the sentence reports as speaking (a person's or a source's id), why, and an unnamed speaker."""
        if tag is None:
            if quoted and self.context.speaker:
                return self.context.speaker, (f"a quotation with no speaker: taken as {self.context.speaker}'s, "
                                              "who spoke last (a guess)"), None  # fmt: skip
            return None, "", None
        said = [
            t
            for t in toks[tag[0] : tag[1]]
            if not _speech_verb(t) and t.text not in ',.“”"' and t.lower not in _TAG_WORDS
        ]
        phrase = " ".join(t.text for t in said)
        lowered = [t.lower for t in said]
        in_tag = [m for m in mentions if tag[0] <= m.start < tag[1]]
        person = next((m for m in in_tag if m.named.person), None)
        if person is not None:
            return self._spoke(person.named.person or "", f"the speaker, “{person.said}”, is the fact base's person")
        if lowered and lowered[-1] in _SPEAKER_PRONOUNS and self.context.speaker:
            return self._spoke(self.context.speaker, f"“{phrase}” taken as {self.context.speaker}, who spoke last")
        publisher = self.names.publishers.get(fold(phrase))
        if publisher is not None:
            chosen = self.narrator if publisher == self.source_id else publisher
            return self._spoke(chosen, f"the speaker, “{phrase}”, is the publisher of {chosen}")
        if any(fold(phrase) == fold(p) for p in lists.PUBLICATION):
            return self._spoke(self.narrator, f"“{phrase}” is the report the text retells, {self.narrator}")
        if any(w in lists.UNNAMED for w in lowered):
            return self.narrator, f"unnamed speakers (“{phrase}”), as {self.narrator} reports them", phrase
        name = _new_name(said)
        if name is not None:
            person_id = self._new_person(name, toks, tag, mentions)
            return self._spoke(person_id, f"the speaker, “{name}”, is not in the fact base: a new person")
        return None, "", None

    def _spoke(self, speaker: str, why: str) -> tuple[str, str, None]:
        self.context.speaker = speaker
        return speaker, why, None

    def _claim(
        self,
        sentence: Sentence,
        mentions: list[Mention],
        quoted: list[tuple[int, int]],
        tag: tuple[int, int] | None,
        *,
        speaker: str,
        why: str,
        attributed: str | None = None,
    ) -> None:
        toks = sentence.tokens
        reasons = [f"speaker: {why}"]
        about = self._actors_of(mentions, tag, exclude_person=speaker)
        if not about and self.context.previous_about:
            about = list(self.context.previous_about)
            reasons.append(f"about: the sentence names no one; those the sentence before names ({', '.join(about)})")
        if not about and self.focus:
            about = [self.focus]
            reasons.append(f"about (a guess): the sentence names no one; the fact base's focus, {self.focus}")
        if not about:
            return
        excerpt = self.text[sentence.start : _trim_end_offset(toks)]
        if self._is_held(excerpt):
            return
        quote = None
        if quoted:
            a, b = max(quoted, key=lambda r: r[1] - r[0])
            if b - a > 2:  # the marks and at least one word between them
                quote = self.text[toks[a + 1].start : toks[b - 2].end].strip()
        content = " ".join(t.lower for i, t in enumerate(toks) if not (tag and tag[0] <= i < tag[1]))
        stance = next((s for s, ws in lists.STANCE_WORDS if any(w in content for w in ws)), None)
        if stance is None:
            stance = lists.DEFAULT_STANCE
            reasons.append(f"stance {stance} (a guess): the sentence names no stance word of the word list")
        else:
            named = next(w for s, ws in lists.STANCE_WORDS if s == stance for w in ws if w in content)
            reasons.append(f"stance {stance}: “{named}” (word list)")
        speaker_name = self._display(speaker)
        summary = f"{speaker_name} on {self._names(about)}: {STANCE_MEANINGS[stance]}"
        reasons.append("summary: drafted from the speaker, the actors and the stance; put it in your own words")
        citation: dict[str, Any] = {"source": self.source_id, "excerpt": excerpt}
        if quote:
            citation["quote"] = quote
        record: dict[str, Any] = {
            "id": self._id(summary),
            "by": speaker,
            **({"attributed_to": attributed} if attributed else {}),
            "about": about,
            "stance": stance,
            "summary": summary,
            "citations": [citation],
        }
        self.candidates.append(
            Candidate(
                type="claim", id=record["id"], excerpt=excerpt, quote=quote, actors=[], targets=[], people=[],
                date=None, kind=None, direction=None, by=speaker, attributed_to=attributed, about=about,
                stance=stance, name=None, needs=self._needs(about, speaker), reasons=reasons, record=record,
            )
        )  # fmt: skip

    def _new_person(self, name: str, toks: Sequence[Token], tag: tuple[int, int], mentions: list[Mention]) -> str:
        existing = next((c.id for c in self.new_people.values() if c.name == name), None)
        if existing is not None:
            return existing
        role_words = [t.text for t in toks[tag[0] : tag[1]] if t.lower in lists.ROLE_WORDS or t.lower == "political"]
        role = " ".join(role_words) or None
        apposition = _apposition(self.text, toks, name)
        if apposition:
            role = apposition
        organisation = next(
            (m.named.actor for m in mentions if m.named.actor and apposition and m.said in apposition), None
        )
        person_id = self._id(name)
        record = {
            "id": person_id,
            "name": name,
            **({"role": role} if role else {}),
            **({"actor": organisation} if organisation else {}),
        }
        reasons = [f"named as a speaker: “{name}”"] + ([f"role: as the text gives it, “{role}”"] if role else [])
        if organisation:
            reasons.append(f"actor: {organisation}, named in the role")
        self.new_people[person_id] = Candidate(
            type="person", id=person_id, excerpt=name, quote=None, actors=[], targets=[], people=[], date=None,
            kind=None, direction=None, by=None, attributed_to=None, about=[], stance=None, name=name,
            needs=self._needs([organisation] if organisation else []), reasons=reasons, record=record,
        )  # fmt: skip
        return person_id

    # --- actors ---------------------------------------------------------------------------------------------

    def _note_actor(self, mention: Mention) -> None:
        actor = mention.named.actor
        if actor is None:
            return
        kind = self._kind_of(actor)
        if kind:
            self.context.last_of_kind[kind] = actor
        if actor in self.names.new_actors and actor not in self.new_actor_seen:
            self.new_actor_seen[actor] = mention.said

    def _actor_candidate(self, actor: str, said: str) -> Candidate:
        record = dict(self.names.new_actors[actor])
        reasons = [f"“{said}” names {record['name']}, which the fact base lacks"]
        if record.get("iso2"):
            reasons.append(f"ISO codes {record['iso2']}, {record['iso3']}: from the country library (pycountry)")
        else:
            reasons.append("an organisation of geopol's own list (edit/extract/names.json)")
        return Candidate(
            type="actor", id=actor, excerpt=said, quote=None, actors=[], targets=[], people=[], date=None,
            kind=record["kind"], direction=None, by=None, attributed_to=None, about=[], stance=None,
            name=record["name"], needs=[], reasons=reasons, record=record,
        )  # fmt: skip

    def _kind_of(self, actor: str) -> str | None:
        known = self.facts.actors.get(actor)
        if known is not None:
            return known.kind
        proposed = self.names.new_actors.get(actor)
        return str(proposed["kind"]) if proposed else None

    def _actors_of(self, mentions: list[Mention], tag: tuple[int, int] | None, exclude_person: str = "") -> list[str]:
        out: list[str] = []
        for m in mentions:
            if tag and tag[0] <= m.start < tag[1]:
                continue
            if m.named.person and m.named.person == exclude_person:
                continue
            if m.named.actor and m.named.actor not in out:
                out.append(m.named.actor)
        return out

    # --- helpers -------------------------------------------------------------------------------------------

    def _needs(self, ids: Sequence[str], speaker: str | None = None) -> list[str]:
        wanted = [i for i in ids if i in self.names.new_actors and i not in self.facts.actors]
        if speaker in self.new_people:
            wanted.append(speaker)
            person_actor = self.new_people[speaker].record.get("actor")
            if person_actor in self.names.new_actors:
                wanted.append(person_actor)
        return list(dict.fromkeys(wanted))

    def _display(self, record_id: str) -> str:
        if record_id in self.facts.people:
            return self.facts.people[record_id].name
        if record_id in self.new_people:
            return self.new_people[record_id].name or record_id
        if record_id in self.facts.sources:
            return self.facts.sources[record_id].publisher
        return record_id

    def _names(self, actors: Sequence[str]) -> str:
        out = []
        for actor in actors:
            known = self.facts.actors.get(actor)
            out.append(known.name if known else str(self.names.new_actors.get(actor, {}).get("name", actor)))
        return ", ".join(out)

    def _id(self, basis: str) -> str:
        from geopol_cli.edit.add import slug

        base = slug(" ".join(basis.replace("—", " ").split()[:8]))
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def _is_held(self, excerpt: str) -> bool:
        """Whether the fact base already cites these words of this source (then it is not proposed again)."""
        from geopol_cli.facts.texts import normalise

        mine = normalise(excerpt).casefold()
        if any(held and (held in mine or mine in held) for held in self._held):
            self.already += 1
            return True
        return False


def propose(facts: Facts, source_id: str, text: str) -> Proposals:
    """The records the text of ``source_id`` supports that the fact base lacks."""
    return Extractor(facts, source_id, text).run()


# --- sentence structure --------------------------------------------------------------------------------------


def _held_excerpts(facts: Facts, source_id: str) -> list[str]:
    from geopol_cli.facts.texts import normalise

    out = []
    records: list[Event | Claim] = [*facts.base.events, *facts.base.claims]
    for record in records:
        for citation in record.citations:
            if citation.source == source_id and citation.excerpt:
                out.append(normalise(citation.excerpt).casefold())
    return out


def _index() -> dict[str, list[tuple[list[str], lists.Trigger]]]:
    """Each trigger phrase (in each of its forms) under its first word, longest first."""
    index: dict[str, list[tuple[list[str], lists.Trigger]]] = {}
    for trigger in lists.TRIGGERS:
        for phrase in trigger.words:
            for form in lists.forms(phrase):
                parts = form.split()
                index.setdefault(parts[0], []).append((parts, trigger))
    for phrases in index.values():
        phrases.sort(key=lambda p: -len(p[0]))
    return index


_TRIGGERS = _index()


def _trigger_at(lowers: list[str], at: int) -> tuple[lists.Trigger, int] | None:
    for parts, trigger in _TRIGGERS.get(lowers[at], ()):
        if lowers[at : at + len(parts)] == parts:
            return trigger, len(parts)
    return None


def _regions(toks: Sequence[Token], opening: str, closing: str) -> list[tuple[int, int]]:
    """Token ranges (inclusive of the marks) between an opening and a closing mark: quotations, parentheses."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, token in enumerate(toks):
        if start is None and token.text in opening:
            start = i
        elif start is not None and token.text in closing and i > start:
            out.append((start, i + 1))
            start = None
    return out


def _inside(at: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in regions)


def _in_any(at: int, regions: list[tuple[int, int]], but: tuple[int, int] | None) -> bool:
    return any(a <= at < b for a, b in regions if (a, b) != but)


def _speech_tag(toks: Sequence[Token]) -> tuple[int, int] | None:
    """Where the sentence says who speaks: "according to X", "…,” explains X", ", X notes.", "X said that"."""
    lowers = [t.lower for t in toks]
    n = len(toks)
    for i in range(n - 1):
        if lowers[i] == "according" and lowers[i + 1] == "to":
            j = i + 2
            while j < n and toks[j].text not in ",.;":
                j += 1
            return i, j
    end = n - 1 if n and toks[-1].text in ".!?" else n
    # A trailing tag: ", Bloomberg reminds." / "…,” explains political scientist X." / "as officials admit."
    for i in range(end - 1, max(-1, end - 9), -1):
        following = toks[i + 1 : end]
        if (
            lowers[i] in lists.SPEECH
            and toks[i].text.islower()
            and sum(1 for t in following if not t.capitalised) <= 2  # "… explains political scientist X."
        ):
            j = i - 1
            while j >= 0 and toks[j].text not in ',”"' and lowers[j] != "as" and i - j < 7:
                j -= 1
            if j >= 0 and (toks[j].text in ',”"' or lowers[j] == "as"):
                return (j if lowers[j] == "as" else j + 1), end
    # After a quotation: "…,” Erdoğan said at a press conference", "…,” he said, adding …".
    for _, after in _regions(toks, QUOTES_OPEN, QUOTES_CLOSE):
        j = after + 1 if after < n and toks[after].text == "," else after
        k = j
        while k < n and k - j < 7 and toks[k].text not in ',.;“"' and not _speech_verb(toks[k]):
            k += 1
        if j < k < n and _speech_verb(toks[k]):
            return j, k + 1
    # "… quoted Tokayev as saying".
    for i in range(n - 3):
        if lowers[i] == "quoted":
            saying = next((k for k in range(i + 2, min(n - 1, i + 8)) if lowers[k : k + 2] == ["as", "saying"]), None)
            if saying is not None:
                return i, saying + 2
    # A leading tag: "X said (that)", "Annette Bohr, a … analyst, agrees that".
    for i in range(min(n, 24)):
        if lowers[i] in lists.SPEECH and toks[i].text.islower() and i > 0:
            if lowers[i] in ("agreed", "agrees") and not (i + 1 < n and lowers[i + 1] == "that"):
                continue
            if any(t.text in '“"' for t in toks[:i]):
                break
            j = i + 1
            if j < n and lowers[j] == "that":
                j += 1
            return 0, j
    return None


def _speech_verb(token: Token) -> bool:
    return token.lower in lists.SPEECH and token.text.islower()


def _clauses(
    toks: Sequence[Token], lowers: list[str], verbs: list[int], tag: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """The sentence cut where a new clause starts: at ";" and dashes, and at "and"/"but" before another act."""
    cuts = {0, len(toks)}
    for i, token in enumerate(toks):
        if token.text in (";", "—", "–"):
            cuts.add(i + 1)
        if lowers[i] in ("and", "but"):
            j = i + 1
            while j < len(toks) and lowers[j] in lists.ADVERBS:
                j += 1
            if j in verbs:
                cuts.add(i if not (i > 0 and toks[i - 1].text == ",") else i - 1)
        if lowers[i] in ("who", "which", "that") and i + 1 in verbs:
            cuts.add(i)  # "Russians who fled the mobilization": an act of its own
    if tag is not None:
        cuts.update(tag)
    ordered = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(ordered) if b > a]


def _asides(toks: Sequence[Token], lowers: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Comma-bounded stretches that interrupt a clause: a subordinate one ("after …", "following …") or a few
    words with no name in them ("considering everything"). Parentheses are asides too."""
    commas = [i for i in range(start, end) if toks[i].text == ","]
    out: list[tuple[int, int]] = []
    for a, b in itertools.pairwise([*commas, end]):
        first = lowers[a + 1] if a + 1 < end else ""
        short = b - a - 1 <= 3 and all(t.word[:1].islower() for t in toks[a + 1 : b])
        if first in lists.SUBORDINATORS or short:
            out.append((a + 1, b))
    out += [(a, b) for a, b in _regions(toks, "(", ")") if start <= a < end]
    return out


def _after_words(lowers: list[str], at: int, phrases: Sequence[str]) -> bool:
    """Whether the words just before ``at`` are one of ``phrases`` ("bypassing Russia", "away from Moscow")."""
    before = " ".join(lowers[max(0, at - 4) : at])
    return any(before == p or before.endswith(" " + p) for p in phrases)


def _sentence_subject(mentions: list[Mention], before: int, asides: list[tuple[int, int]]) -> list[Mention]:
    """The names a sentence opens with, before ``before`` and outside asides: whom a coordinated verb goes on
    from when the verb before it told no act ("Erdogan declared … and expressed support …")."""
    named = [m for m in mentions if m.start < before and not _in_any(m.start, asides, None)]
    return named[:1]


def _noun_phrase_end(toks: Sequence[Token], lowers: list[str], mentions: list[Mention], at: int, end: int) -> int:
    """Where a noun's phrase ends: after the names joined to it ("the war in Ukraine", "… in X and Y")."""
    last = at
    for m in mentions:
        if m.start < at or m.start >= end:
            continue
        if all(lowers[i] in ("and", "the", ",", "of") for i in range(last, m.start)) or m.start == at:
            last = m.end
        else:
            break
    return max(last, at)


def _trim_end(toks: Sequence[Token], end: int) -> int:
    while end > 1 and toks[end - 1].text in ",;:—–(":
        end -= 1
    return end


def _trim_end_offset(toks: Sequence[Token]) -> int:
    return toks[_trim_end(toks, len(toks)) - 1].end


def _new_name(said: Sequence[Token]) -> str | None:
    """A person's name among a speaker's words: the last run of two to four capitalised words."""
    runs: list[list[str]] = [[]]
    for token in said:
        if token.capitalised and token.lower not in lists.ROLE_WORDS:
            runs[-1].append(token.word)
        else:
            runs.append([])
    named = [r for r in runs if 2 <= len(r) <= 4]
    return " ".join(named[-1]) if named else None


def _apposition(text: str, toks: Sequence[Token], name: str) -> str | None:
    """ "X, a Central Asia analyst at Chatham House, agrees": the words between the commas after the name."""
    at = text.find(name + ", ")
    if at < 0:
        return None
    rest = text[at + len(name) + 2 :]
    role, sep, _ = rest.partition(",")
    if not sep or len(role.split()) > 12:
        return None
    role = re.sub(r"^(?:a|an|the)\s+", "", role.strip())
    return role or None


def _date_record(date: ProposedDate | None) -> dict[str, Any]:
    """The date as a record holds it, as `add` writes one (edit/add.py)."""
    from geopol_cli.edit.add import date_object

    return date_object(Resolved(date.start, date.end, date.text, date.inferred)) if date is not None else {}


def _how(resolved: Resolved) -> str:
    return (resolved.inferred or "").split(": ", 1)[-1]
