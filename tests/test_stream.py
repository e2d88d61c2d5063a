"""query/stream.py: a list of records made as it is written, pass by pass, held only when asked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from geopol_cli.query.stream import Stream, held


def counting(items: list[int]) -> tuple[Stream[int], list[int]]:
    passes: list[int] = []

    def make() -> Iterator[int]:
        passes.append(1)
        yield from items

    return Stream(make), passes


def test_each_pass_makes_the_records_again_and_none_is_held() -> None:
    stream, passes = counting([1, 2, 3])
    assert list(stream) == [1, 2, 3] and list(stream) == [1, 2, 3]
    assert len(passes) == 2


def test_asking_whether_there_is_a_record_begins_the_pass_the_next_one_goes_on_with() -> None:
    stream, passes = counting([1, 2, 3])
    assert stream
    assert [*iter(stream)] == [1, 2, 3] and len(passes) == 1
    assert [*iter(stream)] == [1, 2, 3] and len(passes) == 2  # a later pass starts afresh
    empty, empty_passes = counting([])
    assert not empty and [*iter(empty)] == [] and len(empty_passes) == 2
    asked, asked_passes = counting([1, 2])
    assert asked and asked.held() == [1, 2] and len(asked_passes) == 1


def test_its_length_or_an_item_holds_every_record_once() -> None:
    stream, passes = counting([4, 5, 6])
    assert len(stream) == 3 and stream[1] == 5 and stream[-1:] == [6] and list(stream) == [4, 5, 6]
    assert len(passes) == 1


@dataclass(frozen=True)
class _Result:
    name: str
    records: object


def test_a_result_holding_a_stream_is_given_its_list() -> None:
    stream, _ = counting([7, 8])
    result = held(_Result("r", stream))
    assert result.records == [7, 8] and result.name == "r"
    plain = _Result("p", [1])
    assert held(plain) is plain and held({"a": 1}) == {"a": 1}


@dataclass(frozen=True)
class _Entry:
    streamed = ("ids",)
    name: str
    ids: object


def test_each_record_whose_class_names_streamed_fields_is_held_too() -> None:
    ids, passes = counting([1, 2])
    outer, _ = counting([_Entry("a", ids), _Entry("b", [3])])  # type: ignore[list-item]
    result = held(_Result("r", outer))
    assert isinstance(result.records, list)
    assert [(e.name, e.ids) for e in result.records] == [("a", [1, 2]), ("b", [3])] and len(passes) == 1
