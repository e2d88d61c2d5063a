"""`geopol sources` and `geopol cite ID`: where the facts come from, and how to check one."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_record
from geopol_cli.cli.options import (
    required_argument,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options


@view_options("SourceList", lists=True)
def sources(
    ctx: typer.Context,
    request: ViewRequest,
) -> Output:
    """The sources, and how many facts rest on each.

    For each source: the events and claims whose excerpt comes from it, the
    event dates it narrows, and the report it retells (or is retold by).

    \b
    Examples:
      geopol sources
      geopol sources --format csv > sources.csv
    """
    from geopol_cli.query.sources import list_sources

    out = request.choose()
    return out.of(list_sources(request.load()))


@view_options("DisputeList", lists=True)
def disputes(
    ctx: typer.Context,
    request: ViewRequest,
) -> Output:
    """Every disagreement among the sources, and which reading the facts follow.

    Where the sources of one event or claim cannot all hold (dates that do
    not overlap, different acts such as "signed" and "initialled", an order
    of events that the dates contradict), the record says so: what each
    source says, which one it follows, and why. This lists each such
    dispute, events first. Tables elsewhere mark a disputed record with ⚑;
    `geopol cite ID` shows it whole. Disagreements a fact base has not
    recorded are warnings of `geopol validate`.

    \b
    Examples:
      geopol disputes
      geopol disputes --json | jq -r '.disputes[] | "\\(.id): \\(.point)"'
      geopol disputes --format csv > disputes.csv
    """
    from geopol_cli.query.sources import list_disputes

    out = request.choose()
    return out.of(list_disputes(request.load()))


@view_options("Citation")
def cite(
    ctx: typer.Context,
    request: ViewRequest,
    record_id: Annotated[
        str, typer.Argument(metavar="ID", autocompletion=complete_record, help="The id of an event or a claim.")
    ],
) -> Output:
    """Show one event or claim with every source it rests on.

    The way to check a fact: its summary, how its date was inferred (and
    derived, where it answers or follows a later event), any disagreement
    among its sources and the reading it follows, then each citation, the
    primary first: the source's own words (or, for a source not quoted, what
    it says in the fact base's words), the date and act as that source gives
    them, and the full source (title, publisher, date, url, and the report it
    retells). An unknown ID exits 1 with the closest ids.

    \b
    Examples:
      geopol cite ankara-benefited-most
      geopol cite ru-blocks-kz-oil-novorossiysk --json | jq '.citations[].source.id'
    """
    record_id = required_argument(record_id, "ID", "cite")
    from geopol_cli.query.sources import cite as cite_record

    out = request.choose()
    return out.of(cite_record(request.load(), record_id))
