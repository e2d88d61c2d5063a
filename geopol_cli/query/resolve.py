"""Turn what a user typed into an actor: by id, name, ISO code or alias.

Matching ignores case, accents and punctuation, so ``kazakhstan``,
``Kazakhstan``, ``KZ``, ``kaz`` and ``Қазақстан`` all find the same actor.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

from geopol_cli.core.errors import Ambiguous, NotFound
from geopol_cli.core.folding import normalize
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor


def actor_keys(actor: Actor) -> list[str]:
    """Every spelling an actor answers to."""
    keys = [actor.id, actor.name, *actor.aliases]
    if actor.iso2:
        keys.append(actor.iso2)
    if actor.iso3:
        keys.append(actor.iso3)
    return keys


WHAT_ACTOR = "country or other actor"


def resolve_actor(facts: Facts, query: str, option: str | None = None) -> Actor:
    """The one actor ``query`` names; raises NotFound or Ambiguous.

    An exact match on any spelling wins; failing that, a unique prefix of a
    name or alias of at least three letters ('uzbek'). ``option`` names the
    option the name came from, if any (the error then is a usage error).
    """
    wanted = normalize(query)
    if wanted:
        exact = _matches(facts, lambda key: key == wanted)
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise Ambiguous("actor", query, [a.id for a in exact], option)
        if len(wanted) >= 3:
            prefixed = _matches(facts, lambda key: key.startswith(wanted))
            if len(prefixed) == 1:
                return prefixed[0]
            if len(prefixed) > 1:
                raise Ambiguous("actor", query, [a.id for a in prefixed], option)
    suggestions = suggest(wanted, {a.id: actor_keys(a) for a in facts.actors.values()})
    raise NotFound(WHAT_ACTOR, query, suggestions, option)


def resolve_actors(facts: Facts, queries: Sequence[str], option: str | None = None) -> list[Actor]:
    """The actors several names designate, in order, each once."""
    found: dict[str, Actor] = {}
    for query in queries:
        actor = resolve_actor(facts, query, option)
        found.setdefault(actor.id, actor)
    return list(found.values())


def _matches(facts: Facts, accept: Callable[[str], bool]) -> list[Actor]:
    return [a for a in facts.actors.values() if any(accept(normalize(k)) for k in actor_keys(a))]


def suggest(wanted: str, keys_by_id: dict[str, list[str]], limit: int = 3) -> list[str]:
    """Ids whose spellings are closest to ``wanted``, best first.

    Spellings that contain what was typed come first ('ankara' suggests
    'ankara-benefited-most'), then the closest by edit similarity.
    """
    owner: dict[str, str] = {}
    for record_id, keys in keys_by_id.items():
        for key in keys:
            owner.setdefault(normalize(key), record_id)
    wanted = normalize(wanted)
    containing = [key for key in owner if wanted and wanted in key] if len(wanted) >= 3 else []
    close = difflib.get_close_matches(wanted, list(owner), n=limit * 3, cutoff=0.7)
    ids: list[str] = []
    for key in [*containing, *close]:
        if owner[key] not in ids:
            ids.append(owner[key])
    return ids[:limit]
