"""geopol import: events from a table, all or nothing, one journaled write (issue "From a text or a table")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geopol_cli.core.errors import ExitCode

from .conftest import BUNDLED, geopol


@pytest.fixture
def empty_of_events(tmp_path: Path) -> Path:
    """The bundled base with its sources, actors, people and claims, and no events (claims lose their links)."""
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    data["events"] = []
    for claim in data["claims"]:
        claim.pop("events", None)
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    if (BUNDLED.parent / "texts").is_dir():
        shutil.copytree(BUNDLED.parent / "texts", tmp_path / "texts")
    return path


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_geopols_own_output_imported_gives_back_the_same_events(empty_of_events: Path, fmt: str) -> None:
    exported = geopol("timeline", "--format", fmt)
    table = empty_of_events.parent / f"events.{fmt}"
    table.write_text(exported.stdout, encoding="utf-8")
    ran = geopol("--facts", str(empty_of_events), "import", str(table))
    assert ran.exit_code == 0, ran.stderr
    assert "imported 14 event(s)" in ran.stdout
    again = geopol("--facts", str(empty_of_events), "timeline", "--json")
    assert json.loads(again.stdout) == json.loads(geopol("timeline", "--json").stdout)
    # The same table again: every row is already there.
    ran = geopol("--facts", str(empty_of_events), "import", str(table), "--json")
    assert json.loads(ran.stdout)["added"] == [] and json.loads(ran.stdout)["skipped"] == 14
    # One journal entry: undo takes the whole import back.
    assert geopol("--facts", str(empty_of_events), "undo").exit_code == 0
    assert json.loads(empty_of_events.read_text(encoding="utf-8"))["events"] == []


def test_a_spreadsheet_of_ones_own_with_a_map(empty_of_events: Path) -> None:
    table = empty_of_events.parent / "sheet.csv"
    table.write_text(
        "When,Who,Towards,Kind,Direction,What,Source,Words\n"
        "In October,Armenia,Turkey,diplomatic,away,Armenia's and Turkey's leaders meet.,russiavsworld-2023,"
        "the first official meeting of the leaders of Armenia and Turkey in 13 years\n",
        encoding="utf-8",
    )
    args = ["--facts", str(empty_of_events), "import", str(table), "--map", "actors=Who", "--map", "excerpt=Words"]
    dry = geopol(*args, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "would import 1 event(s)" in dry.stdout and json.loads(empty_of_events.read_text())["events"] == []
    ran = geopol(*args)
    assert ran.exit_code == 0, ran.stderr
    [event] = json.loads(empty_of_events.read_text(encoding="utf-8"))["events"]
    assert event["actors"] == ["armenia"] and event["targets"] == ["turkey"]
    assert event["date"]["start"] == "2022-10" and event["date"]["text"] == "In October"  # the source's words


def test_every_bad_row_is_reported_with_its_line_and_column_and_nothing_is_written(empty_of_events: Path) -> None:
    before = empty_of_events.read_bytes()
    table = empty_of_events.parent / "bad.csv"
    table.write_text(
        "date,actors,kind,summary,source,account\n"
        "2022-10,armenia,diplomatic,Fine.,russiavsworld-2023,It says so.\n"
        "sometime,armenia,diplomatic,Bad date.,russiavsworld-2023,It says so.\n"
        "2022-10,narnia,diplomatic,Bad actor.,russiavsworld-2023,It says so.\n"
        "2022-10,armenia,diplomatic,No source.,,It says so.\n",
        encoding="utf-8",
    )
    ran = geopol("--facts", str(empty_of_events), "import", str(table))
    assert ran.exit_code == ExitCode.USAGE
    assert "bad.csv:3: column 'date'" in ran.stderr
    assert "bad.csv:4: column 'actors'" in ran.stderr and "narnia" in ran.stderr
    assert "bad.csv:5: no source" in ran.stderr
    assert empty_of_events.read_bytes() == before


def test_the_whole_base_is_checked_too(tmp_path: Path) -> None:
    # A row valid on its own, but its excerpt is not in the source's held text: refused as add refuses it.
    assert geopol("init", str(tmp_path / "b")).exit_code == 0
    facts = tmp_path / "b" / "facts.json"
    article = tmp_path / "article.txt"
    article.write_text("Åland signed a pact with the Union on 6 July 2022.\n", encoding="utf-8")
    for args in (
        ["add", "source", "--id", "src", "--title", "T", "--publisher", "P", "--date", "2022-07-07", "--text",
         str(article)],
        ["add", "actor", "--name", "Åland", "--kind", "region"],
    ):  # fmt: skip
        assert geopol("--facts", str(facts), *args, "--no-input").exit_code == 0
    table = tmp_path / "t.csv"
    table.write_text("date,actors,kind,summary,source,excerpt\n2022-07,Åland,trade,S.,src,a pact with the Empire\n")
    ran = geopol("--facts", str(facts), "import", str(table))
    assert ran.exit_code == ExitCode.USAGE and "not found word for word" in ran.stderr
    table.write_text("date,actors,kind,summary,source,excerpt\n2022-07,aland,trade,S.,src,signed a pact\n")
    assert geopol("--facts", str(facts), "import", str(table)).exit_code == 0


ACLED = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n"
    "UKR1001,2022-07-05,2022,1,Political violence,Battles,Armed clash,Military Forces of Russia (2000-),,8,"
    "Military Forces of Ukraine (2019-),,1,18,,804,Europe,Ukraine,Donetsk,Bakhmut,48.6,38.0,1,"
    "Kyiv Independent; Reuters,National-International,Clashes near Bakhmut were reported.,3,,1658000000\n"
    "UKR1002,15 July 2022,2022,2,Demonstrations,Protests,Peaceful protest,Protesters (Ukraine),Labor Group (Ukraine),"
    "6,,,0,60,,804,Europe,Ukraine,Kyiv,Kyiv,50.4,30.5,1,Ukrainska Pravda,National,"
    "Workers demonstrated for unpaid wages.,0,,1658000000\n"
    "UKR1003,2022-07-20,2022,3,Strategic developments,Strategic developments,Agreement,Government of Russia (2000-),,"
    "1,Government of Turkey (2016-),,1,11,,804,Europe,Ukraine,Kyiv,Kyiv,50.4,30.5,3,Reuters,International,"
    "A grain deal was signed in Istanbul.,0,,1658000000\n"
)


def test_an_acled_export_is_read_by_its_codebook(empty_of_events: Path) -> None:
    table = empty_of_events.parent / "acled.csv"
    table.write_text(ACLED, encoding="utf-8")
    ran = geopol("--facts", str(empty_of_events), "import", str(table), "--direction", "other", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["added"] == ["acled-ukr1001", "acled-ukr1002", "acled-ukr1003"]
    data = json.loads(empty_of_events.read_text(encoding="utf-8"))
    events = {e["id"]: e for e in data["events"]}
    clash, protest, deal = events["acled-ukr1001"], events["acled-ukr1002"], events["acled-ukr1003"]
    # "Military Forces of Russia (2000-)" and "... of Ukraine (2019-)" are the base's countries.
    assert clash["actors"] == ["russia"] and clash["targets"] == ["ukraine"] and clash["kind"] == "military"
    assert clash["date"] == {"start": "2022-07-05"}
    assert protest["date"]["start"] == "2022-07-11" and protest["date"]["end"] == "2022-07-17"  # the week
    assert "time_precision 2" in protest["date"]["inferred"]
    assert deal["date"]["start"] == "2022-07" and deal["actors"] == ["russia"] and deal["targets"] == ["turkey"]
    assert clash["citations"] == [
        {"source": "acled", "account": "Clashes near Bakhmut were reported.",
         "note": "ACLED names as its sources: Kyiv Independent; Reuters"}
    ]  # fmt: skip
    actors = {a["id"]: a for a in data["actors"]}
    assert (
        actors["protesters-ukraine"]["kind"] == "organisation"
        and actors["labor-group-ukraine"]["kind"] == "organisation"
    )
    assert any(s["id"] == "acled" for s in data["sources"])
    # Again: every row is already there.
    again = geopol("--facts", str(empty_of_events), "import", str(table), "--direction", "other", "--json")
    assert json.loads(again.stdout)["skipped"] == 3


def test_an_acled_export_into_an_empty_base_makes_its_countries_and_groups(tmp_path: Path) -> None:
    assert geopol("init", str(tmp_path / "b")).exit_code == 0
    facts = tmp_path / "b" / "facts.json"
    table = tmp_path / "acled.csv"
    table.write_text(ACLED, encoding="utf-8")
    ran = geopol("--facts", str(facts), "import", str(table))
    assert ran.exit_code == 0, ran.stderr
    actors = {a["id"]: a for a in json.loads(facts.read_text(encoding="utf-8"))["actors"]}
    assert (actors["russia"]["name"], actors["russia"]["kind"]) == ("Russia", "country")
    assert actors["protesters-ukraine"] == {"id": "protesters-ukraine", "name": "Protesters (Ukraine)",
                                            "kind": "organisation"}  # fmt: skip
    assert geopol("--facts", str(facts), "country", "russia", "--json").exit_code == 0
    assert geopol("--facts", str(facts), "undo").exit_code == 0
    assert json.loads(facts.read_text(encoding="utf-8"))["actors"] == []  # the whole import, actors included


def test_a_mapping_file_names_the_columns(empty_of_events: Path) -> None:
    table = empty_of_events.parent / "sheet.tsv"
    table.write_text("Wann\tWer\tArt\tRichtung\tWas\tQuelle\tBericht\n"
                     "2022-10\tArmenia\tdiplomatic\taway\tLeaders meet.\trussiavsworld-2023\tThey met.\n")  # fmt: skip
    mapping = empty_of_events.parent / "map.txt"
    mapping.write_text("# German headings\ndate=Wann\nactors=Wer\nkind=Art\ndirection=Richtung\nsummary=Was\n"
                       "source=Quelle\naccount=Bericht\n")  # fmt: skip
    ran = geopol("--facts", str(empty_of_events), "import", str(table), "--map-file", str(mapping))
    assert ran.exit_code == 0, ran.stderr
    [event] = json.loads(empty_of_events.read_text(encoding="utf-8"))["events"]
    assert event["actors"] == ["armenia"] and event["citations"] == [
        {"source": "russiavsworld-2023", "account": "They met."}
    ]


def _acled_rows(tmp_path: Path, count: int) -> Path:
    """A generated ACLED-shaped export (benchmarks/acled.py: the codebook's columns, invented content)."""
    import subprocess
    import sys

    from .conftest import REPO

    table = tmp_path / f"acled-{count}.csv"
    with table.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "acled.py"), str(count)], stdout=out, check=True)
    return table


@pytest.mark.parametrize("direction", [None, "other"])
def test_an_acled_row_s_event_is_built_in_canonical_form(tmp_path: Path, direction: str | None) -> None:
    # The change engine does not reorder these (edit/change.py Workspace.insert, canonical=True): this holds
    # acled.event to it, key order included, for every kind of row the generator writes.
    from geopol_cli.edit import acled
    from geopol_cli.edit.importer import Rows
    from geopol_cli.facts.models import Event
    from geopol_cli.facts.write import ordered_record

    rows = Rows(_acled_rows(tmp_path, 300), None)
    columns = acled.columns_of(rows.columns)
    new: dict[str, dict[str, object]] = {}
    try:
        for _, row in rows:
            record, problems = acled.event(row, {}, new, {}, columns, direction)
            assert not problems
            assert json.dumps(record) == json.dumps(ordered_record(Event, record))  # order-sensitive
    finally:
        rows.close()


def test_an_import_writes_the_canonical_form(tmp_path: Path) -> None:
    assert geopol("init", str(tmp_path / "b")).exit_code == 0
    facts = tmp_path / "b" / "facts.json"
    ran = geopol("--facts", str(facts), "import", str(_acled_rows(tmp_path, 200)), "--direction", "other")
    assert ran.exit_code == 0, ran.stderr
    assert geopol("fmt", "--check", str(facts)).exit_code == 0
    # geopol's own rows too, read by the general path, into the same base emptied of its events.
    own = tmp_path / "own.jsonl"
    own.write_text(geopol("--facts", str(facts), "timeline", "--format", "jsonl").stdout, encoding="utf-8")
    data = json.loads(facts.read_text(encoding="utf-8"))
    again = tmp_path / "again.json"
    again.write_text(json.dumps({**data, "events": []}), encoding="utf-8")
    assert geopol("--facts", str(again), "import", str(own)).exit_code == 0
    assert geopol("fmt", "--check", str(again)).exit_code == 0
    by_id = {e["id"]: e for e in json.loads(again.read_text(encoding="utf-8"))["events"]}
    assert by_id == {e["id"]: e for e in data["events"]}  # the same events (the timeline's order, not the file's)


def test_a_table_is_read_as_it_is_iterated_not_held_whole(tmp_path: Path) -> None:
    # The first row is there before the file's end has been read: a CSV of any length costs one row at a time.
    from geopol_cli.edit.importer import Rows

    table = tmp_path / "rows.csv"
    table.write_text("date,actors,summary\n" + "2022-07,russia,A row.\n" * 1000, encoding="utf-8")
    rows = Rows(table, None)
    try:
        iterator = iter(rows)
        assert next(iterator) == (2, {"date": "2022-07", "actors": "russia", "summary": "A row."})
        assert rows._file.buffer.tell() < table.stat().st_size  # the bytes read so far: not the whole file
        assert sum(1 for _ in iterator) == 999
    finally:
        rows.close()
