"""The word lists `geopol extract` reads a text with, each in one place (README, "geopol extract" lists them).

An act is found by its verb (or a noun that names one: "a meeting of",
"the war in"); its kind is the verb's own, or, for a verb that says little
of its own ("signed", "ordered"), the first kind whose topic words the
clause names ("oil": energy). Whether an act is a cooperation or a rupture
(its polarity) is what the direction is guessed from. Reported speech is
found by its verbs ("said", "notes", "according to"); a claim's stance by
the words that say it. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

# How an act stands towards whom it is done to: "with" (a cooperation), "against" (a rupture), or neither.
Polarity = str


@dataclass(frozen=True)
class Trigger:
    """A word (or words) that names an act: its kind (None: from the clause's topic) and its polarity."""

    words: tuple[str, ...]  # lower-case words or phrases, matched whole; a verb in -ed also as -ing and -s
    kind: str | None
    polarity: Polarity
    noun: bool = False  # names an act as a noun ("the war in X"): its actors follow it


TRIGGERS: tuple[Trigger, ...] = (
    Trigger(("signed", "signs", "initialled", "initialed", "ratified", "concluded"), "diplomatic", "with"),
    Trigger(("agreed", "agrees to", "pledged", "promised"), None, "with"),
    Trigger(("expressed support", "voiced support", "backed", "supported", "endorsed"), "diplomatic", "with"),
    Trigger(("welcomed", "hosted", "received"), None, "with"),
    Trigger(("joined", "rejoined", "applied to join"), "diplomatic", "with"),
    Trigger(("met", "visited", "held talks"), "diplomatic", "with"),
    Trigger(("opened", "launched", "established", "expanded", "deepened", "strengthened"), None, "with"),
    Trigger(("ordered", "approved", "decided", "announced", "increased", "raised"), None, ""),
    Trigger(("opposed", "condemned", "criticised", "criticized", "denounced", "rejected"), "diplomatic", "against"),
    Trigger(("refused", "declined", "failed to help"), None, "against"),
    Trigger(("canceled", "cancelled", "suspended", "halted", "froze", "postponed"), None, "against"),
    Trigger(("blocked", "blocking", "banned", "restricted", "closed"), None, "against"),
    Trigger(("withdrew", "left", "quit", "expelled", "recalled"), None, "against"),
    Trigger(("imposed sanctions", "sanctioned", "imposed"), "economic", "against"),
    Trigger(("attacked", "invaded", "shelled", "bombed", "struck", "seized", "annexed"), "military", "against"),
    Trigger(("less dependent", "reduce dependence", "reduced dependence", "diversified"), None, "against"),
    Trigger(("fled",), "migration", ""),
    Trigger(("war in", "war against", "invasion of"), "military", "against", noun=True),
    Trigger(("meeting of", "summit of", "talks between", "meeting between"), "diplomatic", "with", noun=True),
)


def forms(phrase: str) -> tuple[str, ...]:
    """A phrase and, when its first word is a verb in -ed, the same in -ing and -s ("suspending", "suspends")."""
    first, _, rest = phrase.partition(" ")
    if not first.endswith("ed") or len(first) < 5:
        return (phrase,)
    stem = first[:-2]
    made = (first, stem + "ing", stem + "s", first[:-1] + "s")
    return tuple(dict.fromkeys(f"{word} {rest}".strip() for word in made))


# A clause's topic, in the order a kind is chosen by: the first kind whose words the clause names.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("energy", ("oil", "gas", "pipeline", "pipelines", "energy", "electricity", "fuel", "lng", "uranium", "coal")),
    ("military", ("war", "battle", "battles", "armed conflict", "fighting", "troops", "attack", "shelling")),
    ("security", ("defense", "defence", "military", "exercises", "drills", "security", "arms", "weapons", "base")),
    ("migration", ("fled", "refugees", "migrants", "asylum", "migration", "border crossings")),
    ("trade", ("trade", "export", "exports", "import", "imports", "tariff", "tariffs", "goods", "markets", "routes")),
    ("economic", ("investment", "loan", "loans", "sanctions", "economy", "bank", "currency", "debt", "aid")),
    ("diplomatic", ("agreement", "treaty", "partnership", "meeting", "summit", "talks", "ambassador", "relations")),
    ("political", ("election", "elections", "protest", "protests", "parliament", "referendum", "government")),
)
# The kind of an act whose verb and clause say nothing more.
DEFAULT_KIND = "diplomatic"

# Words between a subject and its verb that are part of the act as told ("even welcomed", "later ordered").
ADVERBS = ("even", "also", "later", "then", "openly", "publicly", "quickly", "finally", "again", "already", "not")
# What is moved away from, when the clause names it: "bypassing Russia", "away from Moscow".
AWAY_FROM = ("bypassing", "away from", "instead of", "without", "less dependent on", "dependence on")
# An aside that starts with one of these is set apart from the clause it interrupts ("X, after Y refused, did Z").
SUBORDINATORS = (
    "after", "before", "following", "considering", "despite", "while", "as", "when", "although", "though",
    "since", "which", "who", "where", "according", "amid", "in response",
)  # fmt: skip
# Verbs of reported speech, and the nouns that stand for the publication retold ("the agency notes").
SPEECH = (
    "said", "says", "say", "told", "tells", "explains", "explained", "noted", "notes", "note", "added", "adds",
    "warned", "warns", "argued", "argues", "agrees", "agreed", "believes", "believe", "stressed", "stresses",
    "insisted", "insists", "claimed", "claims", "admitted", "admits", "admit", "reminds", "reminded", "wrote",
    "writes", "cites", "cited", "reported", "reports", "stated", "states", "observed", "observes", "suggested",
    "suggests", "thinks", "think", "emphasised", "emphasized", "acknowledged", "acknowledges", "concedes",
    "praised", "praises", "highlighted", "highlights", "recalled", "urged", "urges",
)  # fmt: skip
PUBLICATION = (
    "the publication",
    "the agency",
    "the newspaper",
    "the report",
    "the outlet",
    "the magazine",
    "the paper",
)
# Speakers a text leaves unnamed ("current and former Russian officials admit").
UNNAMED = ("officials", "experts", "analysts", "diplomats", "sources", "observers", "critics", "people", "insiders")
# Words that say a person's role before their name ("political scientist Kateryna Shulman").
ROLE_WORDS = (
    "scientist", "analyst", "expert", "professor", "minister", "president", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "director", "chief", "head", "economist", "researcher", "senator", "official",
    "adviser", "advisor", "commentator", "historian", "journalist", "leader", "secretary", "chairman", "envoy",
)  # fmt: skip

# A claim's stance, by the words that say it, in the order they are tried (the first that matches).
STANCE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reaction", ("reacts", "reacted", "nervous", "nervously", "harshly", "retaliat", "pressure")),
    ("gain", ("benefit", "strengthen", "gain", "winner", "won", "profit")),
    ("dominance", ("veto", "gatekeeper", "dominat", "dictate to", "control", "sphere of influence")),
    ("limits", ("can’t", "can't", "cannot", "will not be able", "won't", "limit", "geography", "dependence persists")),
    ("decline", ("losing", "lose", "weaker", "decline", "stronger", "difficult to dictate", "waning")),
    ("diversifying", ("diversify", "dependence", "moved away", "move away", "new allies", "partners", "reduce")),
)
# The stance of a claim whose words name none: said as a guess.
DEFAULT_STANCE = "diversifying"
