"""The line-by-line table layout of long tables (render/lines.py) and the streamed timeline."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from geopol_cli.render import lines as lines_module
from geopol_cli.render.lines import cell_len, width_of, wrap

from .conftest import geopol, synthetic_facts

WORDS = st.lists(st.sampled_from([*"abcdefghij -–“”→·é中文", "x" * 30, "word", "   "]), min_size=0, max_size=40).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(text=WORDS, width=st.integers(min_value=1, max_value=60), style=st.sampled_from(["", "dim"]))
def test_wrapped_lines_fit_and_keep_every_word_in_order(text: str, width: int, style: str) -> None:
    wrapped = wrap([(text, style)], width)
    for segments, size in wrapped:
        shown = "".join(t for t, _ in segments)
        assert size == cell_len(shown)
        assert size <= max(width, 2)  # a wide character in a one-cell column takes its two cells
    joined = "".join("".join(t for t, _ in segments) for segments, _ in wrapped)
    assert joined.replace(" ", "") == text.replace(" ", "")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_width_of_agrees_with_rich(text: str) -> None:
    from geopol_cli.render.safe import visible

    shown = visible(text)  # cells only ever hold visible text
    assert width_of(shown) == cell_len(shown)


def test_several_segments_keep_their_styles() -> None:
    wrapped = wrap([("Russia", "bold"), (" → Kazakhstan and more words", "")], 12)
    assert wrapped[0][0][0] == ("Russia", "bold")
    assert all(style == "" for segments, _ in wrapped[1:] for _, style in segments)


def test_a_long_timeline_is_written_in_chunks(write_facts: Any, monkeypatch: Any) -> None:
    # The first rows go out before the table is finished, and no write holds
    # more than a chunk of rows: memory does not grow with the rows printed.
    sizes: list[int] = []
    real = lines_module.LineTable.write

    def counting(self: Any, lines: list[str]) -> None:
        sizes.append(len(lines))
        real(self, lines)

    monkeypatch.setattr(lines_module.LineTable, "write", counting)
    path = write_facts(synthetic_facts(1000))
    ran = geopol("timeline", "--facts", str(path), width=100)
    assert ran.exit_code == 0
    assert len(sizes) >= 1000 // lines_module_chunk()
    assert max(sizes) < 200 * 12  # a chunk of rows, a dozen lines each at most


def lines_module_chunk() -> int:
    from geopol_cli.render.tables.events import CHUNK_ROWS

    return CHUNK_ROWS


def test_timeline_lines_fit_carry_no_padding_and_show_every_event(write_facts: Any) -> None:
    data = synthetic_facts(300)
    path = write_facts(data)
    for width in (60, 80, 160):
        out = geopol("timeline", "--facts", str(path), width=width).stdout
        assert not out.startswith("\n")
        for line in out.splitlines():
            assert cell_len(line) <= width, line
            assert line == line.rstrip()
        for record in data["events"][::37]:
            assert record["id"] in out
            assert set(record["summary"].split()) <= set(out.split())


def test_timeline_in_colour_and_without(write_facts: Any) -> None:
    path = write_facts(synthetic_facts(20))
    plain = geopol("timeline", "--facts", str(path)).stdout
    assert "\x1b[" not in plain
    coloured = geopol("timeline", "--facts", str(path), env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}).stdout
    assert "\x1b[" in coloured
    no_colour = geopol(
        "timeline", "--facts", str(path), env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"}
    ).stdout
    assert "\x1b[3" not in no_colour  # no foreground colours; bold and dim may stay


def test_the_table_and_the_json_show_the_same_events(write_facts: Any) -> None:
    path = write_facts(synthetic_facts(250))
    table = geopol("timeline", "--facts", str(path), width=200).stdout
    ids = [e["id"] for e in json.loads(geopol("timeline", "--facts", str(path), "--json").stdout)]
    positions = [table.index(i) for i in ids]
    assert positions == sorted(positions)
