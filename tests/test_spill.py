"""query/spill.py: lists held in memory up to a budget, then in a temporary file, read back in order."""

from __future__ import annotations

from typing import Any

import pydantic_core
import pytest

from geopol_cli.facts.load import index_facts
from geopol_cli.facts.models import FactBase
from geopol_cli.query import spill
from geopol_cli.query.benefits import rank_benefits
from geopol_cli.query.spill import Spill, joined
from geopol_cli.query.stream import Stream, held

from .conftest import BUNDLED


def test_lists_under_the_budget_stay_plain_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "BUDGET", 10)
    lists = Spill()
    ids, pairs = lists.new_list(), lists.new_list(lambda item: item[0] + item[1])
    for i in range(5):
        ids.append(f"id-{i}")
        pairs.append((i, 10))
    assert ids.result() == [f"id-{i}" for i in range(5)] and pairs.result() == [10, 11, 12, 13, 14]
    assert isinstance(ids.result(), list)
    assert joined(ids.result(), pairs.result()) == [*ids.result(), 10, 11, 12, 13, 14]


def test_past_the_budget_every_list_moves_to_the_file_and_reads_back_in_order_on_each_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spill, "BUDGET", 7)
    lists = Spill()
    words, ids, few = lists.new_list(), lists.new_list(), lists.new_list()

    def word(i: int) -> tuple[object, ...]:
        return (f"what {i}", None if i % 3 else "src", "é\x00\u202e" * i, i % 2 == 0, False, f"ev-{i}")

    for i in range(40):  # interleaved, so that each list's items lie in several blocks among the others'
        words.append(word(i))
        ids.append(f"ev-{i}")
    few.append("only")
    assert lists.held <= 7
    read_words, read_ids = words.result(), ids.result()
    assert isinstance(read_words, Stream) and isinstance(read_ids, Stream)
    expected = [word(i) for i in range(40)]
    assert [*iter(read_words)] == expected and [*iter(read_words)] == expected  # a second pass reads it again
    assert all(type(word[3]) is bool for word in read_words)  # booleans come back as booleans, not 0 and 1
    assert [*iter(joined(read_ids, few.result()))] == [*(f"ev-{i}" for i in range(40)), "only"]


def test_a_ranking_whose_lists_moved_to_the_file_is_the_ranking_held_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every list of every entry, events and claims both, through the file: the very same ranking."""
    facts = index_facts(FactBase.model_validate_json(BUNDLED.read_bytes()))
    in_memory = rank_benefits(facts)
    monkeypatch.setattr(spill, "BUDGET", 1)
    spilled = rank_benefits(facts)
    entries = [*spilled.beneficiaries, *spilled.losers]
    assert any(isinstance(entry.claims, Stream) and entry.claims for entry in entries)
    assert any(isinstance(entry.stated_words, Stream) and entry.stated_words for entry in entries)
    assert any(isinstance(entry.gains_inferred, Stream) and entry.gains_inferred for entry in entries)
    assert all(isinstance(entry.gains, Stream) for entry in entries)

    def plain(result: Any) -> Any:
        return pydantic_core.to_jsonable_python(held(result))

    assert plain(spilled) == plain(in_memory) and not any(isinstance(e.events, Stream) for e in in_memory.beneficiaries)
    assert sum(len(entry.evidence_ids) for entry in entries) >= 10
