"""edit, rename, remove, log and undo: every change checked against the whole base, journaled, undoable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.core.errors import ExitCode

from .conftest import BUNDLED, geopol


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "facts.json"
    shutil.copy(BUNDLED, path)
    assert geopol("fmt", str(path)).exit_code == 0  # canonical, so that byte comparisons mean something
    (tmp_path / ".geopol").exists() and shutil.rmtree(tmp_path / ".geopol")
    return path


def run(base: Path, *args: str) -> Any:
    return geopol("--facts", str(base), *args)


def record(base: Path, section: str, record_id: str) -> dict[str, Any]:
    data = json.loads(base.read_text(encoding="utf-8"))
    return next(r for r in data[section] if r["id"] == record_id)


def log(base: Path) -> list[dict[str, Any]]:
    ran = run(base, "log", "--json")
    assert ran.exit_code == 0, ran.stderr
    entries: list[dict[str, Any]] = json.loads(ran.stdout)
    return entries


def test_a_new_user_corrects_renames_removes_and_undoes_with_geopol_alone(base: Path) -> None:
    # A wrong direction, a typo in a summary, a mangled alias.
    ran = run(
        base, "edit", "event", "kz-rejects-war-justification", "--direction", "other", "--summary", "Tokayev rejcts it."
    )
    assert ran.exit_code == 0, ran.stderr
    ran = run(
        base, "edit", "event", "kz-rejects-war-justification", "--direction", "away", "--summary", "Tokayev rejects it."
    )
    assert ran.exit_code == 0, ran.stderr
    assert record(base, "events", "kz-rejects-war-justification")["summary"] == "Tokayev rejects it."
    ran = run(
        base, "edit", "actor", "kazakhstan", "--remove-alias", "Qazaqstan", "--add-alias", "Qazaqstan Respublikasy"
    )
    assert ran.exit_code == 0, ran.stderr
    aliases = record(base, "actors", "kazakhstan")["aliases"]
    assert "Qazaqstan Respublikasy" in aliases and "Qazaqstan" not in aliases
    # Rename an actor used by several events: every reference follows.
    used_by = [
        e["id"] for e in json.loads(base.read_text())["events"] if "kazakhstan" in e["actors"] + e.get("targets", [])
    ]
    assert len(used_by) >= 3
    ran = run(base, "rename", "actor", "kazakhstan", "kz")
    assert ran.exit_code == 0, ran.stderr
    text = base.read_text(encoding="utf-8")
    assert '"kazakhstan"' not in text
    assert all(
        "kz" in record(base, "events", e)["actors"] + record(base, "events", e).get("targets", []) for e in used_by
    )
    assert run(base, "validate", str(base)).exit_code == 0
    assert json.loads(run(base, "country", "kz", "--json").stdout)["name"] == "Kazakhstan"
    # Delete a record, then undo the delete: the file is as it was, byte for byte.
    before = base.read_bytes()
    ran = run(base, "remove", "claim", "bohr-kz-uz-diversify")
    assert ran.exit_code == 0, ran.stderr
    assert b"bohr-kz-uz-diversify" not in base.read_bytes()
    assert run(base, "undo").exit_code == 0
    assert base.read_bytes() == before
    # All of it in the log, most recent first.
    actions = [e["action"] for e in log(base)]
    assert actions == ["undo", "remove", "rename", "edit", "edit", "edit"]
    assert log(base)[3]["records"][0].startswith("actor kazakhstan")


def test_edit_refuses_what_would_make_the_base_invalid_and_writes_nothing(base: Path) -> None:
    before = base.read_bytes()
    ran = run(base, "edit", "event", "kz-defense-ties-turkey", "--add-target", "narnia")
    assert ran.exit_code == ExitCode.USAGE and "narnia" in ran.stderr and "nothing was written" in ran.stderr
    ran = run(base, "edit", "actor", "kazakhstan", "--kind", "empire")
    assert ran.exit_code == ExitCode.USAGE
    ran = run(base, "edit", "event", "kz-defense-ties-turkey", "--summary", "")
    assert ran.exit_code == ExitCode.USAGE and "required" in ran.stderr
    assert base.read_bytes() == before
    assert not (base.parent / ".geopol" / "facts.json.journal.jsonl").exists()


def test_a_misspelt_id_gets_the_closest_ids(base: Path) -> None:
    ran = run(base, "edit", "event", "kz-defence-ties-turkey", "--summary", "x")
    assert ran.exit_code == ExitCode.NOT_FOUND and "kz-defense-ties-turkey" in ran.stderr


def test_dry_run_shows_a_diff_and_writes_nothing(base: Path) -> None:
    before = base.read_bytes()
    ran = run(base, "edit", "event", "kz-defense-ties-turkey", "--summary", "Shorter.", "--dry-run")
    assert ran.exit_code == 0, ran.stderr
    assert '+  "summary": "Shorter."' in ran.stdout and "would be" in ran.stdout
    assert base.read_bytes() == before and not (base.parent / ".geopol").exists()


def test_a_date_in_the_sources_words_and_date_text(base: Path) -> None:
    ran = run(base, "edit", "event", "kz-defense-ties-turkey", "--date", "2022-05-10", "--date-text", "on Tuesday")
    assert ran.exit_code == 0, ran.stderr
    assert record(base, "events", "kz-defense-ties-turkey")["date"] == {"start": "2022-05-10", "text": "on Tuesday"}


def test_a_citation_by_its_position(base: Path) -> None:
    event = record(base, "events", "kz-oil-via-caspian-btc")
    second = event["citations"][1]["source"]
    ran = run(base, "edit", "event", "kz-oil-via-caspian-btc", "--citation", "2", "--citation-act", "called for")
    assert ran.exit_code == 0, ran.stderr
    assert record(base, "events", "kz-oil-via-caspian-btc")["citations"][1]["act"] == "called for"
    ran = run(base, "edit", "event", "kz-oil-via-caspian-btc", "--citation", "9", "--citation-act", "x")
    assert ran.exit_code == ExitCode.USAGE and "citation" in ran.stderr
    # A citation a dispute names cannot go on its own: the whole base is checked.
    ran = run(base, "edit", "event", "kz-oil-via-caspian-btc", "--remove-citation", "2")
    assert (ran.exit_code == 0) == (second not in json.dumps(event.get("disputes", [])))


def test_remove_refuses_while_others_name_it_and_lists_them(base: Path) -> None:
    before = base.read_bytes()
    ran = run(base, "remove", "actor", "kazakhstan")
    assert ran.exit_code == ExitCode.USAGE
    assert (
        "event kz-defense-ties-turkey (actors)" in ran.stderr and "person kassym-jomart-tokayev (actor)" in ran.stderr
    )
    assert base.read_bytes() == before


def test_undo_is_recorded_and_can_be_undone_and_undo_n_takes_back_several(base: Path) -> None:
    original = base.read_bytes()
    assert run(base, "edit", "actor", "kazakhstan", "--region", "Asia").exit_code == 0
    edited = base.read_bytes()
    assert run(base, "undo").exit_code == 0
    assert base.read_bytes() == original
    assert run(base, "undo").exit_code == 0  # undoes the undo
    assert base.read_bytes() == edited
    assert run(base, "edit", "actor", "armenia", "--region", "Caucasus").exit_code == 0
    assert run(base, "undo", "2").exit_code == 0
    assert base.read_bytes() == original


def test_undo_refuses_after_a_hand_edit_and_changes_nothing(base: Path) -> None:
    assert run(base, "edit", "actor", "kazakhstan", "--region", "Asia").exit_code == 0
    hand = base.read_text(encoding="utf-8").replace('"Asia"', '"Central Asia (by hand)"')
    base.write_text(hand, encoding="utf-8")
    ran = run(base, "undo")
    assert ran.exit_code == ExitCode.USAGE and "changed since geopol last wrote it" in ran.stderr
    assert base.read_text(encoding="utf-8") == hand


def test_add_and_fmt_are_journaled_and_undone(base: Path) -> None:
    original = base.read_bytes()
    ran = run(base, "add", "actor", "--name", "Georgia", "--kind", "country", "--no-input")
    assert ran.exit_code == 0, ran.stderr
    assert log(base)[0]["action"] == "add" and log(base)[0]["records"] == ["actor georgia"]
    assert run(base, "undo").exit_code == 0
    assert base.read_bytes() == original
    squeezed = json.dumps(json.loads(original), separators=(",", ":"))
    base.write_text(squeezed, encoding="utf-8")
    # A hand edit (not journaled) then fmt: fmt records the text it replaced, and undo gives it back.
    assert geopol("fmt", str(base)).exit_code == 0
    assert base.read_bytes() == original
    assert run(base, "undo").exit_code == 0
    assert base.read_text(encoding="utf-8") == squeezed


def test_a_folder_base_renames_across_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "base"
    folder.mkdir()
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    people = {"schema_version": 2, "people": data.pop("people")}
    (folder / "facts.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (folder / "people.json").write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    ran = geopol("--facts", str(folder), "rename", "actor", "kazakhstan", "kz")
    assert ran.exit_code == 0, ran.stderr
    assert '"kazakhstan"' not in (folder / "people.json").read_text(encoding="utf-8")
    assert sorted(json.loads(ran.stdout if ran.stdout.startswith("{") else "{}")) == [] or "people.json" in ran.stdout
    assert geopol("--facts", str(folder), "undo").exit_code == 0
    assert '"kazakhstan"' in (folder / "people.json").read_text(encoding="utf-8")
    assert (folder / ".geopol" / "journal.jsonl").is_file()


def test_every_id_of_the_bundled_base_can_be_renamed(tmp_path: Path) -> None:
    # The keys that name records (facts/fields.py REFERENCE_KEYS) are all there: a renamed base stays valid,
    # and the old id is named nowhere.
    from geopol_cli.edit.change import rename_record
    from geopol_cli.facts.fields import KINDS

    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    for kind, (_, section) in KINDS.items():
        for item in data[section]:
            path = tmp_path / f"{item['id']}.json"
            shutil.copy(BUNDLED, path)
            report = rename_record(path, kind, item["id"], "renamed-id", dry_run=True)
            assert report.changes
            after = [json.dumps(c.after) for c in report.changes]
            assert not any(f'"{item["id"]}"' in a for a in after), item["id"]


def test_the_json_report_has_stable_keys(base: Path) -> None:
    ran = run(base, "edit", "actor", "kazakhstan", "--region", "Asia", "--json")
    report = json.loads(ran.stdout)
    assert list(report) == ["action", "summary", "written", "changes", "files", "warnings"]
    assert list(report["changes"][0]) == ["type", "id", "file", "index", "before", "after"]
    assert list(log(base)[0]) == ["number", "time", "action", "summary", "command", "records", "files"]


# --- defects of `add` found by a new user (issue "Work in your fact base") --------------------------------


def test_names_are_split_on_commas_only() -> None:
    from geopol_cli.cli.prompts import split_list, split_names

    assert split_names("Republic of Kazakhstan, Qazaqstan") == ["Republic of Kazakhstan", "Qazaqstan"]
    assert split_list("kazakhstan, uzbekistan armenia") == ["kazakhstan", "uzbekistan", "armenia"]


def test_a_lower_case_iso_code_is_upper_cased_and_a_bare_address_gets_its_scheme(base: Path) -> None:
    ran = run(
        base, "add", "actor", "--name", "Georgia", "--kind", "country", "--iso2", "ge", "--iso3", "geo", "--no-input"
    )
    assert ran.exit_code == 0, ran.stderr
    assert (record(base, "actors", "georgia")["iso2"], record(base, "actors", "georgia")["iso3"]) == ("GE", "GEO")
    ran = run(base, "add", "source", "--title", "T", "--publisher", "P", "--url", "example.org/report", "--no-input")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(base.read_text())["sources"][-1]["url"] == "https://example.org/report"


def test_control_characters_are_refused_at_the_door(base: Path) -> None:
    before = base.read_bytes()
    ran = run(base, "add", "actor", "--name", "Geor\x1b[31mgia", "--kind", "country", "--no-input")
    assert ran.exit_code == ExitCode.USAGE and "U+001B" in ran.stderr
    ran = run(base, "edit", "event", "kz-defense-ties-turkey", "--summary", "A \u202eright-to-left summary")
    assert ran.exit_code == ExitCode.USAGE and "U+202E" in ran.stderr
    assert base.read_bytes() == before


def test_a_misspelt_reference_in_add_gets_did_you_mean(base: Path) -> None:
    ran = run(
        base, "add", "event", "--date", "2022-10", "--actor", "kazakhstn", "--kind", "trade", "--summary", "S.",
        "--source", "russiavsworld-2023", "--account", "It says so.", "--direction", "away", "--no-input",
    )  # fmt: skip
    assert ran.exit_code == ExitCode.USAGE and "did you mean 'kazakhstan'" in ran.stderr


def test_add_citation_checks_the_id_before_asking_anything(base: Path) -> None:
    ran = run(base, "add", "citation", "kz-defence-ties-turkey", "--source", "russiavsworld-2023")
    assert ran.exit_code == ExitCode.NOT_FOUND and "kz-defense-ties-turkey" in ran.stderr


def test_a_dry_run_runs_the_held_text_check_a_real_add_runs(tmp_path: Path) -> None:
    assert geopol("init", str(tmp_path / "b")).exit_code == 0
    facts = tmp_path / "b" / "facts.json"
    article = tmp_path / "article.txt"
    article.write_text("Åland signed a pact with the Union on 6 July 2022.\n", encoding="utf-8")
    assert (
        run(
            facts,
            "add",
            "source",
            "--title",
            "T",
            "--publisher",
            "P",
            "--date",
            "2022-07-07",
            "--text",
            str(article),
            "--id",
            "src",
            "--no-input",
        ).exit_code
        == 0
    )
    assert run(facts, "add", "actor", "--name", "Åland", "--kind", "region", "--no-input").exit_code == 0
    args = ["add", "event", "--date", "2022-07-06", "--actor", "aland", "--kind", "trade", "--summary", "S.",
            "--source", "src", "--excerpt", "signed a pact with the Empire", "--no-input"]  # fmt: skip
    dry = run(facts, *args, "--dry-run")
    real = run(facts, *args)
    assert dry.exit_code == real.exit_code == ExitCode.USAGE
    assert "not found word for word" in dry.stderr and "not found word for word" in real.stderr


def test_an_event_dated_after_its_source_and_a_duplicate_record_are_warned_of(base: Path) -> None:
    ran = run(base, "edit", "event", "kz-defense-ties-turkey", "--date", "2024-05-10")
    assert ran.exit_code == 0, ran.stderr
    report = json.loads(run(base, "validate", str(base), "--json").stdout)
    assert any("after 'akorda-2022-05-10' was published" in w["message"] for w in report["warnings"])
    assert "after 'akorda-2022-05-10' was published" in ran.stderr  # said at once, by edit itself
    copy = dict(record(base, "actors", "armenia"), id="armenia-again")
    ran = run(base, "add", "actor", "--id", "armenia-again", "--name", copy["name"], "--kind", copy["kind"],
              *(["--iso2", copy["iso2"]] if "iso2" in copy else []),
              *(["--iso3", copy["iso3"]] if "iso3" in copy else []),
              *(["--region", copy["region"]] if "region" in copy else []),
              *[a for alias in copy.get("aliases", []) for a in ("--alias", alias)], "--no-input")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert "repeats 'armenia' word for word" in ran.stderr


def test_a_field_added_to_a_model_appears_in_edit_with_no_other_change(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer.main
    from pydantic import Field
    from pydantic.dataclasses import dataclass as record_type

    from geopol_cli.cli import edit
    from geopol_cli.facts import fields, models

    @record_type(frozen=True, kw_only=True)
    class WiderActor(models.Actor):  # type: ignore[misc]
        capital: str | None = Field(default=None, description="Its capital city.")
        landlocked: bool = Field(default=False, description="It has no coast.")

    monkeypatch.setitem(fields.KINDS, "actor", (WiderActor, "actors"))
    single = typer.Typer()
    single.command("actor")(edit._command_for("actor"))
    command = typer.main.get_command(single)
    options = {opt: param for param in command.params for opt in getattr(param, "opts", [])}
    assert "--capital" in options and options["--capital"].help == "Its capital city."
    assert "--landlocked" in options  # a flag: --landlocked/--no-landlocked
    update = edit.update_for("actor", {"capital": "Astana", "landlocked": True})
    assert update({"id": "kazakhstan", "name": "Kazakhstan"}, lambda: None) == {
        "id": "kazakhstan",
        "name": "Kazakhstan",
        "capital": "Astana",
        "landlocked": True,
    }


def test_a_source_date_in_words_with_its_year(base: Path) -> None:
    ran = run(base, "add", "source", "--title", "T", "--publisher", "P", "--date", "October 2022", "--no-input")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(base.read_text())["sources"][-1]["date"] == "2022-10"
    ran = run(base, "add", "source", "--title", "T2", "--publisher", "P", "--date", "last week", "--no-input")
    assert ran.exit_code == ExitCode.USAGE and "one date" in ran.stderr
    ran = run(base, "edit", "source", "bloomberg-2023-01-31", "--date", "30 January 2023")
    assert ran.exit_code == 0, ran.stderr
    assert record(base, "sources", "bloomberg-2023-01-31")["date"] == "2023-01-30"


def test_a_field_added_to_a_model_appears_in_add_with_no_other_change(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer.main
    from pydantic import Field
    from pydantic.dataclasses import dataclass as record_type

    from geopol_cli.cli import add
    from geopol_cli.facts import fields, models

    @record_type(frozen=True, kw_only=True)
    class WiderActor(models.Actor):  # type: ignore[misc]
        capital: str | None = Field(default=None, description="Its capital city.")

    monkeypatch.setitem(fields.KINDS, "actor", (WiderActor, "actors"))
    monkeypatch.setattr(fields, "_FIELDS", {})
    group = typer.main.get_command(add.add_app)
    command = group.get_command(None, "actor")  # type: ignore[attr-defined]
    options = {opt: param for param in command.params for opt in getattr(param, "opts", [])}
    assert options["--capital"].help == "Its capital city."
    # Every field of every model is an option of add, handled by the command or made from the model.
    monkeypatch.undo()
    for kind, (model, _) in fields.KINDS.items():
        command = group.get_command(None, kind)  # type: ignore[attr-defined]
        opts = {opt for param in command.params for opt in getattr(param, "opts", [])}
        for spec in fields.fields_of(model):
            assert spec.name in add.HANDLED[kind] or spec.option in opts, (kind, spec.name)


def test_a_prompt_compares_words_as_validate_does() -> None:
    from geopol_cli.cli.add import part_of as _part_of

    check = _part_of("Georgia's parliament passed a law its critics called a copy of Russia’s “foreign agents” law.")
    assert check('Russia\'s "foreign agents" law') is None  # straight quotes for curly ones
    assert check("Russia’s  “foreign   agents”") is None  # runs of spaces
    assert check("Russia's foreign agent law") is not None


def test_add_event_keeps_the_sources_words_beside_an_iso_date(base: Path) -> None:
    ran = run(
        base, "add", "event", "--date", "2022-10-12", "--date-text", "on Wednesday", "--actor", "kazakhstan",
        "--kind", "trade", "--summary", "S.", "--source", "russiavsworld-2023", "--account", "It says so.",
        "--direction", "away", "--no-input",
    )  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(base.read_text())["events"][-1]["date"] == {"start": "2022-10-12", "text": "on Wednesday"}


def test_removing_a_source_keeps_its_held_text_unless_asked(tmp_path: Path) -> None:
    assert geopol("init", str(tmp_path / "b")).exit_code == 0
    facts = tmp_path / "b" / "facts.json"
    article = tmp_path / "article.txt"
    article.write_text("A text.\n", encoding="utf-8")
    for name in ("one", "two"):
        ran = run(facts, "add", "source", "--id", name, "--title", name, "--publisher", "P", "--text", str(article),
                  "--no-input")  # fmt: skip
        assert ran.exit_code == 0 or "already exists" in ran.stderr, ran.stderr
    held = tmp_path / "b" / "texts" / "article.txt"
    ran = run(facts, "remove", "source", "one", "--with-text")
    assert ran.exit_code == 0 and held.is_file() and "two hold it too" in ran.stderr  # another source needs it
    ran = run(facts, "remove", "source", "two", "--with-text")
    assert ran.exit_code == 0 and not held.exists()


def test_a_dispute_by_its_position(base: Path) -> None:
    event = record(base, "events", "ru-blocks-kz-oil-novorossiysk")
    assert len(event["disputes"]) >= 2
    ran = run(base, "edit", "event", "ru-blocks-kz-oil-novorossiysk", "--dispute", "2", "--dispute-why", "Reworded.")
    assert ran.exit_code == 0, ran.stderr
    disputes = record(base, "events", "ru-blocks-kz-oil-novorossiysk")["disputes"]
    assert disputes[1]["why"] == "Reworded." and disputes[0] == event["disputes"][0]
    ran = run(base, "edit", "event", "ru-blocks-kz-oil-novorossiysk", "--dispute", "1", "--add-dispute-source", "nope")
    assert ran.exit_code == ExitCode.USAGE and "nothing was written" in ran.stderr  # the whole base is checked


def _shuffled(value: Any, rng: Any) -> Any:
    """The same record with every object's keys in a random order."""
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: _shuffled(value[k], rng) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def test_an_event_or_claim_in_key_order_is_what_its_model_would_dump() -> None:
    # The change engine writes events and claims in canonical form by key order alone (facts/write.py
    # ordered_record), trusting that their models change no value: this compares the two on every event and
    # claim of the bundled facts and of the benchmark's generated base, their keys shuffled and their
    # defaults written out, so that a validator that changes a value (or a new nested part) is caught here.
    import random
    import subprocess
    import sys

    from pydantic import TypeAdapter

    from geopol_cli.facts.models import Claim, Event
    from geopol_cli.facts.write import ordered_record

    from .conftest import REPO

    generated = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "300"], capture_output=True, text=True, check=True
    ).stdout
    rng = random.Random(21)
    for data in (json.loads(BUNDLED.read_text(encoding="utf-8")), json.loads(generated)):
        for section, model in (("events", Event), ("claims", Claim)):
            adapter = TypeAdapter(model)
            for record in data[section]:
                written_out = {
                    "disputes": [],
                    **({"people": [], "direction": None} if model is Event else {"events": []}),
                }
                given = _shuffled({**written_out, **record}, rng)
                dumped = adapter.dump_python(
                    adapter.validate_python(given), mode="json", by_alias=True, exclude_defaults=True
                )
                assert json.dumps(ordered_record(model, given)) == json.dumps(dumped), record["id"]
