"""timeline --chart: years over their first month, lanes that line up, targets, buckets that mean something."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

from geopol_cli.render.lines import cell_len

from .conftest import event, geopol, small_facts


def chart(write_facts: Any, events: list[dict[str, Any]], width: int = 80, **facts: Any) -> list[str]:
    path = write_facts(small_facts(events=events, claims=[], **facts))
    ran = geopol("timeline", "--chart", "--facts", str(path), width=width)
    assert ran.exit_code == 0, ran.stderr
    return ran.stdout.splitlines()


def test_a_new_year_is_labelled_over_its_first_month(write_facts: Any) -> None:
    years, months, *_ = chart(write_facts, [event("a", "2022-02"), event("b", "2023-01", targets=["borduria"])])
    january = months.index("J", months.index("D"))  # the first J after December
    assert years[january : january + 4] == "2023"
    assert years.index("2022") == months.index("F")


def test_targets_get_a_lane_and_long_or_wide_names_keep_lanes_aligned(write_facts: Any) -> None:
    actors = [
        {"id": "aland", "name": "Åland", "kind": "country"},
        {"id": "borduria", "name": "Borduria", "kind": "country"},
        {"id": "wide", "name": "中文中文中文", "kind": "country"},
        {"id": "long", "name": "The Very Long Name Of An Organisation", "kind": "organisation"},
        {"id": "russia", "name": "Russia", "kind": "country"},
    ]
    lines = chart(
        write_facts,
        [
            event("a", "2022-02", targets=["borduria"]),
            event("b", "2022-05", actors=["wide"]),
            event("c", "2022-07", actors=["long"]),
        ],
        actors=actors,
        people=[],
    )
    by_name = {}
    for previous, line in itertools.pairwise(lines):
        # A lane's name, up to the chart; a long name stands on its own line above its lane.
        name = re.split(r" {2,}", line)[0].strip() or previous.strip()
        by_name[name] = line

    def mark_at(name: str) -> int:
        line = by_name[name]
        return cell_len(line[: next(i for i, ch in enumerate(line) if ch in "●○◆◇")])

    # 17 cells of label, then one column a month from February 2022: every lane lines up.
    assert mark_at("Borduria") == 17 + 0  # a target gets a lane (○)
    assert "○" in by_name["Borduria"]
    assert mark_at("中文中文中文") == 17 + 3  # wide characters: padded by cell width
    assert mark_at("The Very Long Name Of An Organisation") == 17 + 5


def test_buckets_of_several_months_are_numbered_within_the_year(write_facts: Any) -> None:
    lines = chart(write_facts, [event(f"e{y}", f"{y}-03") for y in range(2000, 2020)], width=80)
    years, buckets = lines[0], lines[1].strip()
    legend = " ".join(lines[-2:])
    assert "months" in legend and ("quarters" in legend or "thirds" in legend or "halves" in legend)
    assert set(buckets) <= set("123456")
    assert buckets.startswith("1")  # buckets start with the year
    assert "2000" in years


def test_chart_refuses_excerpts() -> None:
    assert geopol("timeline", "--chart", "--excerpts").exit_code == 2


def test_a_new_year_is_marked_over_january_however_few_columns_remain(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(small_facts(events=[event("a", "2021-01"), event("b", "2022-01")], claims=[])))
    for width, mark in ((30, "¦"), (33, "2022")):
        years, months = geopol("--facts", str(path), "timeline", "--chart", width=width).stdout.splitlines()[:2]
        january = months.rindex("J")  # the last column: January 2022
        assert years[january : january + len(mark)] == mark, (width, years, months)
