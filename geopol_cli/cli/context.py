"""The run's context: which fact base a command reads or writes, and what the terminal was asked for.

One object per run, made by the root callback from the global options and
kept on Click's context (``ctx.obj``). Every command asks it for its fact
base: the precedence (a PATH argument, the command's --facts, the global
--facts, $GEOPOL_FACTS, the bundled facts) is core/paths.py choose_facts,
which completion shares; the rule that the bundled facts are never written
is here, in ``to_write``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from geopol_cli.core.errors import UsageProblem
from geopol_cli.core.paths import FACTS_ENV, ChosenFacts, choose_facts

if TYPE_CHECKING:
    import typer

    from geopol_cli.facts.load import Facts
    from geopol_cli.facts.store import Needs


@dataclass(frozen=True)
class Session:
    """What the global options asked for: the fact base, colour and the pager."""

    facts: str | None = None
    colour: str = "auto"
    pager: bool = True

    def choose(self, *given: str | None) -> ChosenFacts:
        """The fact base: the first of ``given`` (a command's PATH argument, its --facts), the global --facts,
        $GEOPOL_FACTS, else the facts bundled with geopol."""
        return choose_facts(*given, self.facts)

    def to_write(self, *given: str | None, command: str) -> ChosenFacts:
        """The fact base a writing command changes: never the bundled one, which lives inside the installation."""
        chosen = self.choose(*given)
        if chosen.bundled:
            raise UsageProblem(
                f"geopol {command} writes a fact base of your own: give --facts FILE or set {FACTS_ENV} "
                "(geopol init DIR makes one); the bundled facts are not changed",
                option="--facts",
            )
        return chosen

    def load(self, *given: str | None, viewing: bool = True, need: Needs | None = None) -> Facts:
        """The chosen facts, read and validated once.

        ``viewing``: a view reads them (not a writer): a fact base with no records at all gets one note on
        stderr, the same from every view, in place of each view's own note of what it lacks. ``need``: what
        the view reads, for a large base answered from its index (facts/store.py); None: all of it.
        """
        chosen = self.choose(*given)
        if need is not None:
            from geopol_cli.facts.store import load_for

            facts = load_for(chosen.path, need, origin=chosen.origin)
        else:
            from geopol_cli.facts.load import load_facts

            facts = load_facts(chosen.path, origin=chosen.origin)
        if viewing and not any((facts.sources, facts.actors, facts.people, facts.events, facts.claims)):
            from geopol_cli.render.export import note_empty_base

            note_empty_base(facts.path)
        return facts


def session(ctx: typer.Context | None) -> Session:
    """The run's session, from the root of Click's context chain (a default one when a test calls a command)."""
    while ctx is not None:
        if isinstance(ctx.obj, Session):
            return ctx.obj
        ctx = ctx.parent  # type: ignore[assignment]
    return Session()
