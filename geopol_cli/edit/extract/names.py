"""Who a text names: every spelling of an actor or a person, looked up word by word.

Spellings come from three places, the first that has one winning:

1. the fact base: each actor's name and aliases, each person's name,
   aliases and surname (a person stands for their actor: "Tokayev" names
   Kazakhstan), and each source's publisher (as a speaker: "Bloomberg");
2. a maintained country library (pycountry, imported here only): every
   country's names and codes;
3. geopol's own data file (names.json), for what no library holds: the
   short names, adjectives and seats of government of the UN member states
   ("Kazakh", "the Kremlin"), and the common international organisations.

A state or organisation the base lacks is proposed as a new actor record
with its ISO codes. A spelling that names two different actors is
ambiguous and names neither.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from geopol_cli.edit.extract.text import Token
from geopol_cli.facts.index import Facts


@dataclass(frozen=True)
class Named:
    """What a spelling names: an actor (known or proposed), and the person it is, if one."""

    actor: str | None
    how: str  # how the spelling was found: "the name of", "an adjective of", "a person of", ...
    person: str | None = None
    plural: bool = False  # "Russians": the people of a country, not its state


@dataclass(frozen=True)
class Mention:
    start: int  # token indices in the sentence
    end: int
    said: str  # the words as written
    named: Named


@dataclass
class Names:
    """Every spelling, folded (case and "the" aside), with what it names; and the new actors it proposes."""

    spellings: dict[str, Named] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    new_actors: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> proposed record
    publishers: dict[str, str] = field(default_factory=dict)  # folded publisher -> source id
    exact_case: set[str] = field(default_factory=set)  # acronyms: "US" names a state, "us" does not
    longest: int = 1

    def add(self, spelling: str, named: Named, *, strong: bool = False) -> None:
        """``strong``: the fact base's own spelling, which outranks the library's and the data file's."""
        key = fold(spelling)
        if not key:
            return
        if re.fullmatch(r"[A-Z][A-Z.+-]{1,6}", spelling.strip()):
            self.exact_case.add(spelling.strip().removeprefix("the "))
        held = self.spellings.get(key)
        if held is not None and (held.actor, held.person) != (named.actor, named.person):
            if strong and held.how.startswith("the fact base"):
                self.ambiguous.add(key)
            elif not strong:
                if not held.how.startswith("the fact base"):
                    self.ambiguous.add(key)
                return
        self.spellings[key] = named
        self.longest = max(self.longest, len(key.split()))

    def look_up(self, words: Sequence[Token], at: int) -> Mention | None:
        """The longest spelling starting at word ``at``, if one: a name starts with a capital letter."""
        first = words[at]
        if not (first.capitalised or first.text[:1].isdigit()):
            return None
        for length in range(min(self.longest, len(words) - at), 0, -1):
            span = words[at : at + length]
            if any(t.text in ',;:()“”"' for t in span):
                continue
            last = span[-1]
            said = " ".join([*(t.text for t in span[:-1]), last.word])
            key = fold(said)
            named = self.spellings.get(key)
            plural = False
            if named is None and length == 1 and last.word.endswith("s"):
                named = self.spellings.get(key[:-1])  # "Russians", "Kazakhs": the people of a state
                plural = named is not None and named.how.startswith("an adjective")
                if not plural:
                    named = None
            if named is None or key in self.ambiguous:
                continue
            if key.upper() in {s.upper() for s in self.exact_case} and said.replace("the ", "") not in self.exact_case:
                continue
            if plural:
                country = named.how.removeprefix("an adjective of ")
                named = Named(named.actor, f"the people of {country}", named.person, plural=True)
            return Mention(at, at + length, said, named)
        return None

    def mentions(self, words: Sequence[Token]) -> list[Mention]:
        out: list[Mention] = []
        at = 0
        while at < len(words):
            found = self.look_up(words, at)
            if found is None:
                at += 1
                continue
            out.append(found)
            at = found.end
        return out


def fold(spelling: str) -> str:
    words = " ".join(spelling.replace("’", "'").split()).casefold()
    return words.removeprefix("the ").strip()


def build_names(facts: Facts) -> Names:
    """Every spelling the base, the country library and the data file know."""
    names = Names()
    by_code: dict[str, str] = {}
    for actor in facts.actors.values():
        for spelling in (actor.name, *actor.aliases):
            names.add(spelling, Named(actor.id, f"the fact base's name of {actor.id}"), strong=True)
        if actor.iso2:
            by_code[actor.iso2] = actor.id
    for person in facts.people.values():
        spellings = [person.name, *person.aliases]
        surname = person.name.split()[-1]
        if len(surname) > 3 and sum(1 for p in facts.people.values() if p.name.split()[-1] == surname) == 1:
            spellings.append(surname)
        for spelling in spellings:
            named = Named(person.actor, f"the fact base's person {person.id}", person=person.id)
            names.add(spelling, named, strong=True)
    for source in facts.sources.values():
        names.publishers.setdefault(fold(source.publisher), source.id)
    _add_states(names, facts, by_code)
    _add_organisations(names, facts)
    return names


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files(__package__).joinpath("names.json").read_text("utf-8"))
    return data


def _known(names: Names, spellings: Iterable[str]) -> str | None:
    """The base's actor that one of these spellings already names, if one."""
    for spelling in spellings:
        held = names.spellings.get(fold(spelling))
        if held is not None and held.how.startswith("the fact base") and held.person is None:
            return held.actor
    return None


def _add_states(names: Names, facts: Facts, by_code: dict[str, str]) -> None:
    import pycountry  # the country library: only `geopol extract` imports it

    from geopol_cli.edit.add import slug

    data = _data()
    for code, own in data["states"].items():
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue
        with warnings.catch_warnings():
            # Some releases warn (on stderr) when a country has no such name, and give its name instead.
            warnings.simplefilter("ignore")
            library = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
        library_names = [n for n in library if n and "," not in n]
        short = (own.get("names") or [None])[0] or library[2] or country.name
        every = [*library_names, *own.get("names", []), country.alpha_3]
        actor = by_code.get(code) or _known(names, [*every, *own.get("adjectives", [])])
        if actor is None:
            actor = _free(slug(short.removeprefix("the ")), facts)
            if actor not in facts.actors:
                aliases = [n for n in dict.fromkeys([*library_names, *own.get("names", [])[1:]]) if n != short]
                names.new_actors.setdefault(
                    actor,
                    {"id": actor, "name": short.removeprefix("the "), "kind": "country", "iso2": code,
                     "iso3": country.alpha_3, **({"aliases": aliases} if aliases else {})},
                )  # fmt: skip
        for spelling in every:
            names.add(spelling, Named(actor, f"the name of {short}"))
        for spelling in own.get("adjectives", []):
            names.add(spelling, Named(actor, f"an adjective of {short}"))
        for spelling in own.get("seats", []):
            names.add(spelling, Named(actor, f"the seat of {short}'s government"))


def _free(wanted: str, facts: Facts) -> str:
    """``wanted``, or with a number after it when a record of another kind holds it (a person "georgia")."""
    others = {*facts.sources, *facts.people, *facts.events, *facts.claims}
    candidate, n = wanted, 2
    while candidate in others:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


def _add_organisations(names: Names, facts: Facts) -> None:
    for organisation in _data()["organisations"]:
        spellings = [organisation["name"], *organisation.get("names", [])]
        actor = _known(names, spellings) or (organisation["id"] if organisation["id"] in facts.actors else None)
        if actor is None:
            actor = _free(organisation["id"], facts)
            names.new_actors.setdefault(
                actor,
                {"id": actor, "name": organisation["name"], "kind": organisation["kind"],
                 **({"aliases": organisation["names"]} if organisation.get("names") else {})},
            )  # fmt: skip
        for spelling in spellings:
            names.add(spelling, Named(actor, f"the name of the {organisation['name']}"))
        for spelling in organisation.get("seats", []):
            names.add(spelling, Named(actor, f"the seat of the {organisation['name']}"))
