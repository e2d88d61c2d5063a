"""The index beside the facts (facts/store.py): the same answers as reading the files, whatever happens to it.

Every view that reads an index is run on randomised bases both ways (``GEOPOL_INDEX=never``: the files;
``always``: the index, built on the first run and read on the second) and the outputs compared byte for
byte. Then what can happen to an index: the facts edited by hand, a held text changed, the index
truncated, filled with garbage or given a record its model refuses, a cache folder that cannot be
written; each is detected and answered from the files, never wrong. Writes keep it current.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from geopol_cli.facts import store

from .conftest import REPO, geopol

# Each view that reads an index, with the options that narrow what it reads.
VIEWS = [
    ["timeline", "--json"],
    ["timeline", "-c", "kazakhstan", "--json"],
    ["timeline", "-c", "country-001", "-c", "country-002", "--kind", "diplomatic", "--json"],
    ["timeline", "--direction", "away", "--since", "2021", "--until", "2022-06", "--json"],
    ["timeline", "--limit", "7", "--sort", "date", "--json"],
    ["timeline", "-c", "russia", "--format", "csv"],
    ["country", "kazakhstan", "--json"],
    ["country", "russia", "--format", "markdown"],
    ["country", "country-003", "--json"],
    ["country", "armenia", "--json"],  # none such: the same message both ways
    ["benefits", "--json"],
    ["benefits", "-c", "kazakhstan", "--json"],
    ["benefits", "--kind", "energy", "--since", "2022", "--json"],
    ["search", "kaz", "--json"],
    ["search", "oil", "pipeline", "--json"],
    ["search", "tariff", "--type", "event", "-c", "country-002", "--json"],
    ["search", "treaty", "--type", "claim", "--json"],
    ["search", "u.s.", "--json"],
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(store.CACHE_ENV, str(folder))
    monkeypatch.setenv(store.INDEX_ENV, "always")  # for the store's own functions, called here directly
    return folder


def generated(tmp_path: Path, size: int, seed: int) -> Path:
    """A base from the benchmark's generator (its actors, people, stakes, links and claims), its records
    shuffled by ``seed`` so that every run of the test sees another base."""
    made = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(size)], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    data = json.loads(made)
    rng = random.Random(seed)
    rng.shuffle(data["events"])
    rng.shuffle(data["claims"])
    path = tmp_path / f"base-{seed}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def both(facts: Path, args: list[str]) -> tuple[str, str]:
    plain = geopol("--facts", str(facts), *args, env={store.INDEX_ENV: "never"}, width=120)
    indexed = geopol("--facts", str(facts), *args, env={store.INDEX_ENV: "always"}, width=120)
    assert plain.exit_code == indexed.exit_code, (args, plain.stderr, indexed.stderr)
    assert plain.stderr == indexed.stderr, args
    return plain.stdout, indexed.stdout


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_view_answers_the_same_from_the_index_and_from_the_files(tmp_path: Path, cache: Path, seed: int) -> None:
    facts = generated(tmp_path, 600, seed)
    for args in VIEWS:
        plain, first = both(facts, args)  # the first run builds the index
        _, second = both(facts, args)  # the second reads it
        assert plain == first == second, args
    assert list((cache / "index").glob("*.sqlite"))


def test_the_bundled_facts_answer_the_same_both_ways(cache: Path) -> None:
    for args in VIEWS:
        plain, indexed = both(REPO / "facts.json", args)
        assert plain == indexed, args


def test_a_view_reads_only_what_it_shows(tmp_path: Path, cache: Path) -> None:
    facts = generated(tmp_path, 600, 4)
    assert geopol("--facts", str(facts), "countries", env={store.INDEX_ENV: "always"}).exit_code == 0
    geopol("--facts", str(facts), "timeline", "--json", env={store.INDEX_ENV: "always"})  # builds it
    loaded = store.load_for(facts, store.Need("match", "none", ("kazakhstan",)))
    whole = store.load_for(facts, store.Need())
    assert 0 < len(loaded.events) < len(whole.events) and not loaded.claims
    assert all(any(a == "kazakhstan" for a in store._event_actors(e)) for e in loaded.base.events)


def test_a_hand_edited_file_is_seen_and_the_index_rebuilt(tmp_path: Path, cache: Path) -> None:
    facts = generated(tmp_path, 200, 5)
    both(facts, ["timeline", "-c", "kazakhstan", "--json"])  # the index is built
    data = json.loads(facts.read_text(encoding="utf-8"))
    moved = next(e for e in data["events"] if "kazakhstan" in e["actors"])
    moved["summary"] = "Edited by hand, after the index was built."
    facts.write_text(json.dumps(data), encoding="utf-8")
    plain, indexed = both(facts, ["timeline", "-c", "kazakhstan", "--json"])
    assert plain == indexed and "Edited by hand" in indexed


def test_a_changed_held_text_changes_what_is_verified(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "texts").mkdir()
    text = tmp_path / "texts" / "report.txt"
    text.write_text("Kazakhstan signed a pact with Turkey.\n", encoding="utf-8")
    data = json.loads((REPO / "facts.json").read_text(encoding="utf-8"))
    data["sources"][0]["text"] = "texts/report.txt"
    data["events"] = [e for e in data["events"] if all(c.get("excerpt") is None for c in e["citations"])][:3]
    citation = {"source": data["sources"][0]["id"], "excerpt": "Kazakhstan signed a pact with Turkey."}
    data["events"].append({"id": "kz-pact", "date": {"start": "2022-05"}, "actors": ["kazakhstan"],
                           "targets": ["turkey"], "kind": "diplomatic", "direction": "away",
                           "summary": "A pact.", "citations": [citation]})  # fmt: skip
    data["claims"] = [c for c in data["claims"] if all(x.get("excerpt") is None for x in c["citations"])]
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plain, indexed = both(facts, ["timeline", "-c", "kazakhstan", "--json"])
    assert plain == indexed and json.loads(indexed)[-1]["verified"] is True
    text.write_text("Kazakhstan signed nothing at all.\n", encoding="utf-8")
    plain, indexed = both(facts, ["timeline", "-c", "kazakhstan", "--json"])
    assert plain == indexed and json.loads(indexed)[-1]["verified"] is False


@pytest.mark.parametrize(
    "damage", ["truncated", "garbage", "refused record", "altered record", "other files", "another geopol"]
)
@pytest.mark.parametrize("args", [["country", "kazakhstan", "--json"], ["timeline", "--json"]])
def test_a_damaged_index_is_never_believed(tmp_path: Path, cache: Path, damage: str, args: list[str]) -> None:
    # A timeline reads its events as it writes them: its index is checked whole before the first is written.
    facts = generated(tmp_path, 200, 6)
    both(facts, args)
    [index] = (cache / "index").glob("*.sqlite")
    if damage == "truncated":
        index.write_bytes(index.read_bytes()[:2000])
    elif damage == "garbage":
        index.write_bytes(b"not a database at all" * 100)
    elif damage == "refused record":
        with sqlite3.connect(index) as db:  # an event its model refuses: a kind that is none of the kinds
            db.execute("UPDATE records SET json = ? WHERE section = 'events'", (b'{"id": "x", "kind": "bogus"}',))
    elif damage == "altered record":
        with sqlite3.connect(index) as db:  # records their model accepts, saying what the file does not
            rows = db.execute("SELECT ord, json FROM records WHERE section = 'events'").fetchall()
            for ord_, blob in rows:
                altered = json.dumps({**json.loads(blob), "summary": "Altered in the index."}).encode()
                db.execute("UPDATE records SET json = ? WHERE section = 'events' AND ord = ?", (altered, ord_))
    elif damage == "another geopol":  # built by a release whose rules or records differ: its rows are not read
        with sqlite3.connect(index) as db:
            db.execute("UPDATE meta SET value = 'geopol-index-2 geopol 0.0.1 0123456789abcdef' WHERE key = 'format'")
            rows = db.execute("SELECT ord, json FROM records WHERE section = 'events'").fetchall()
            for ord_, blob in rows:  # rows as that release wrote them: sound, checksums and all, but not ours
                other = json.dumps({**json.loads(blob), "summary": "As another release read it."}).encode()
                db.execute("UPDATE records SET json = ?, sum = ? WHERE section = 'events' AND ord = ?",
                           (other, zlib.crc32(other), ord_))  # fmt: skip
    else:
        with sqlite3.connect(index) as db:
            db.execute("UPDATE meta SET value = 'another base' WHERE key = 'fingerprint'")
    plain, indexed = both(facts, args)
    assert plain == indexed
    # And it was built again: the next run reads a sound index.
    assert store.load_for(facts, store.Need("match", "concerning", ("kazakhstan",))).events


def test_a_cache_that_cannot_be_written_leaves_the_files_to_answer(tmp_path: Path, cache: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder")
    facts = generated(tmp_path, 200, 7)
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        plain, indexed = both(facts, ["timeline", "-c", "kazakhstan", "--json"])
        assert plain == indexed and not list(cache.rglob("*.sqlite"))
    finally:
        cache.chmod(stat.S_IRWXU)


def test_an_unwritable_cache_path_leaves_the_files_to_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Works as root too: the cache "folder" is a file, so nothing can be made under it.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(store.CACHE_ENV, str(blocker))
    facts = generated(tmp_path, 200, 8)
    plain, indexed = both(facts, ["timeline", "-c", "kazakhstan", "--json"])
    assert plain == indexed


def test_a_write_keeps_the_index_current(tmp_path: Path, cache: Path) -> None:
    facts = generated(tmp_path, 200, 9)
    both(facts, ["country", "kazakhstan", "--json"])
    [index] = (cache / "index").glob("*.sqlite")
    event = next(e for e in json.loads(facts.read_text(encoding="utf-8"))["events"] if "kazakhstan" in e["actors"])
    edited = geopol("--facts", str(facts), "edit", "event", event["id"], "--summary", "Changed by geopol edit.")
    assert edited.exit_code == 0, edited.stderr
    built = index.stat().st_mtime_ns
    plain, indexed = both(facts, ["country", "kazakhstan", "--json"])
    assert plain == indexed and "Changed by geopol edit." in indexed
    assert index.stat().st_mtime_ns == built  # answered by the index the write left: no rebuild


def test_every_base_is_indexed_unless_told_never(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = generated(tmp_path, 50, 10)
    monkeypatch.setenv(store.INDEX_ENV, "never")
    assert geopol("--facts", str(facts), "timeline", "--json").exit_code == 0
    assert not cache.exists()
    monkeypatch.delenv(store.INDEX_ENV)  # auto: a small base too, since its views then build no validator
    assert geopol("--facts", str(facts), "timeline", "--json").exit_code == 0
    assert store.index_path(facts).exists()


def test_the_index_lives_in_the_cache_never_in_the_fact_base(tmp_path: Path, cache: Path) -> None:
    facts = generated(tmp_path, 100, 11)
    both(facts, ["timeline", "--json"])
    assert store.index_path(facts).parent == cache / "index"
    assert not [p for p in tmp_path.rglob("*.sqlite") if cache not in p.parents]


def test_files_unchanged_since_well_before_the_build_are_not_read_again_and_a_change_is_still_seen(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = generated(tmp_path, 200, 12)
    old = facts.stat().st_mtime - 3600
    os.utime(facts, (old, old))  # changed an hour before the index is built: its state is enough
    both(facts, ["timeline", "-c", "kazakhstan", "--json"])
    read: list[Path] = []
    from geopol_cli.facts import read as reading

    real = reading.read_file_bytes
    monkeypatch.setattr(reading, "read_file_bytes", lambda p, o=None: read.append(p) or real(p, o))
    assert store.load_for(facts, store.Need("match", "none", ("kazakhstan",))).events
    assert read == []  # answered from the index without reading the facts file
    # Rewritten with the same size and its old modification time put back: its change time still differs.
    data = facts.read_text(encoding="utf-8")
    facts.write_text(data.replace("Transit", "Tranzit", 1), encoding="utf-8")
    os.utime(facts, (old, old))
    monkeypatch.undo()
    plain, indexed = both(facts, ["search", "tranzit", "--json"])
    assert plain == indexed and json.loads(indexed)["hits"]


def test_an_index_stamped_too_soon_after_its_files_changed_is_settled_by_the_next_read(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A geopol write stamps the index within moments of the files' change: the quick check cannot trust
    # that stamp, so the next read hashes the files. Once they are found unchanged and are older than the
    # racy window, that read renews the stamp, and later reads take the quick path again.
    facts = generated(tmp_path, 200, 24)
    data = json.loads(facts.read_text(encoding="utf-8"))
    event = data["events"][0]["id"]
    both(facts, ["timeline", "--json"])
    done = geopol("--facts", str(facts), "edit", "event", event, "--summary", "Edited just now.")
    assert done.exit_code == 0, done.stderr
    index = store.index_path(facts)
    assert store._unchanged(index, facts) is None  # stamped with the write: within the racy window
    old = facts.stat().st_mtime - 3600
    os.utime(facts, (old, old))  # the edit, as if an hour had passed since (its change time is now, though)
    assert store._unchanged(index, facts) is None
    read: list[Path] = []
    from geopol_cli.facts import read as reading

    real = reading.read_file_bytes
    monkeypatch.setattr(reading, "read_file_bytes", lambda p, o=None: read.append(p) or real(p, o))
    assert store.load_for(facts, store.Need()).events  # read and hashed: found unchanged, the stamp renewed
    assert read and store._unchanged(index, facts) is not None
    read.clear()
    assert "Edited just now." in {e.summary for e in store.load_for(facts, store.Need()).base.events}
    assert read == []  # the quick path: not read again
    # And a change after the renewal is still seen, even with the old modification time put back.
    monkeypatch.undo()
    facts.write_text(facts.read_text(encoding="utf-8").replace("Edited just now.", "Edited once more"), "utf-8")
    os.utime(facts, (old, old))
    plain, indexed = both(facts, ["timeline", "--json"])
    assert plain == indexed and "Edited once more" in indexed


def test_writes_of_every_kind_leave_an_index_that_answers_as_the_files_do(tmp_path: Path, cache: Path) -> None:
    # Small changes are written into the index in place (its file is the same one after); a removal, which
    # moves positions, rebuilds it. Either way the next read needs no rebuild and answers as the files do.
    facts = generated(tmp_path, 300, 13)
    data = json.loads(facts.read_text(encoding="utf-8"))
    # One event bounded by another: it answers one that starts within its own span (a year), after its start.
    bounding, bounded = data["events"][0], data["events"][1]
    bounding.update(date={"start": "2022-06"}, answers=[], follows=[])
    bounded.update(date={"start": "2022"}, answers=[bounding["id"]])
    facts.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    views = [["timeline", "-c", "kazakhstan", "--json"], ["timeline", "--json"], ["country", "country-001", "--json"],
             ["search", "tranzit", "--json"], ["benefits", "-c", "country-002", "--json"],
             ["search", "kazakh", "corridor", "--json"]]  # fmt: skip
    for args in views:
        both(facts, args)  # builds the index, and its words
    [index] = (cache / "index").glob("*.sqlite")
    data = json.loads(facts.read_text(encoding="utf-8"))
    event = next(e for e in data["events"] if "kazakhstan" in e["actors"])
    table = tmp_path / "rows.csv"
    source = data["sources"][0]["id"]
    table.write_text("date,actors,targets,summary,account,source,kind,direction\n"
                     f"2022-07,kazakhstan,country-002,Tranzit corridor opened.,They opened it.,{source},trade,away\n",
                     encoding="utf-8")  # fmt: skip
    steps: list[tuple[list[str], bool]] = [
        (["fmt", str(facts)], True),  # the file rewritten, no record changed: the index's stamp renewed
        (["edit", "event", event["id"], "--summary", "Tranzit deal, edited in place."], True),
        # An early date: the event it bounded starts on its own again, and moves in time order.
        (["edit", "event", bounding["id"], "--date", "2001-01"], True),
        (["add", "event", "--actor", "kazakhstan", "--target", "country-001", "--kind", "trade", "--direction", "away",
          "--date", "2022-05", "--summary", "Added at the end.", "--source", data["sources"][0]["id"],
          "--account", "It was added.", "--id", "kz-added", "--no-input"], True),
        (["import", str(table)], True),
        (["rename", "event", "kz-added", "kz-renamed"], True),
        (["edit", "actor", "country-002", "--name", "Tranzitia"], True),  # a name: the words of events naming it go
        (["remove", "event", "kz-renamed"], False),
        (["undo"], False),
    ]  # fmt: skip
    for command, in_place in steps:
        inode = index.stat().st_ino
        done = geopol("--facts", str(facts), *command, env={store.INDEX_ENV: "always"})
        assert done.exit_code == 0, (command, done.stderr)
        assert (index.stat().st_ino == inode) == in_place, command
        with sqlite3.connect(index) as db:  # it answers for the files as written, before any read
            [(stamped,)] = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchall()
        assert stamped == store.fingerprint([(facts.name, facts.read_bytes())], []), command
        assert store._unchanged(index, facts) is not None or store.load_for(facts, store.Need()) is not None
        for args in views:
            plain, indexed = both(facts, args)
            assert plain == indexed, (command, args)


def test_a_view_answered_from_the_index_imports_no_loader(tmp_path: Path, cache: Path) -> None:
    # The loader's checks, problem placement and held-text code cost start-up a view from the index never uses.
    facts = generated(tmp_path, 200, 14)
    old = facts.stat().st_mtime - 3600
    os.utime(facts, (old, old))
    both(facts, ["timeline", "-c", "kazakhstan", "--json"])  # builds the index
    code = (
        "import sys, io, contextlib\n"
        "from geopol_cli.main import main\n"
        f"sys.argv = ['geopol', '--facts', {str(facts)!r}, 'timeline', '-c', 'kazakhstan', '--json']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('geopol_cli.facts.load', 'geopol_cli.facts.texts',"
        " 'geopol_cli.facts.checks'))))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), store.INDEX_ENV: "always"}
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert ran.stdout.strip() == "[]", ran.stdout + ran.stderr


def test_the_index_of_a_base_that_is_gone_is_removed_at_the_next_build(tmp_path: Path, cache: Path) -> None:
    for name in ("kept", "gone", "third"):
        (tmp_path / name).mkdir()
    kept, gone = generated(tmp_path / "kept", 30, 21), generated(tmp_path / "gone", 30, 22)
    both(kept, ["timeline", "--json"])
    both(gone, ["timeline", "--json"])
    folder = store.index_path(kept).parent
    abandoned = folder / f"{'0' * 32}.sqlite.123.new"  # a build that never finished, long ago
    abandoned.write_bytes(b"half an index")
    os.utime(abandoned, (1, 1))
    unreadable = folder / f"{'1' * 32}.sqlite"  # not an index at all: left for its own base to rebuild
    unreadable.write_bytes(b"not a database")
    mine = folder / "notes.txt"  # not named as geopol names its indexes: never touched
    mine.write_text("mine")
    gone.unlink()
    third = generated(tmp_path / "third", 30, 23)
    both(third, ["timeline", "--json"])  # a build: the cache is pruned
    left = set(folder.iterdir())
    assert store.index_path(kept) in left and store.index_path(third) in left
    assert store.index_path(gone) not in left and abandoned not in left
    assert unreadable in left and mine in left


def test_a_timeline_is_read_from_the_index_in_time_order_as_it_is_written(tmp_path: Path, cache: Path) -> None:
    from geopol_cli.facts.load import load_facts
    from geopol_cli.query.timeline import order_events

    facts = generated(tmp_path, 1000, 24)
    both(facts, ["timeline", "--json"])  # builds the index
    whole = load_facts(facts)
    assert whole.derived.bounds  # the generator's answers/follows derive some starts
    for countries in [("kazakhstan", "country-001"), ()]:
        need = store.Need("match" if countries else "all", "none", countries, stream="time")
        read = store.load_for(facts, need)
        assert read.event_stream is not None and not read.base.events and not read.events  # none held
        chosen = [e for e in whole.base.events if not countries or set(countries) & store._event_actors(e)]
        expected = order_events(chosen, whole.derived.bounds)
        placed = list(read.event_stream())
        assert [p.event.id for p in placed] == [e.id for e in expected]
        assert [p.bound for p in placed] == [whole.derived.bounds.get(e.id) for e in expected]
        assert [p.event.id for p in read.event_stream()] == [e.id for e in expected]  # read again, the same


def test_a_base_written_while_its_timeline_is_read_fails_with_a_message_never_a_mixed_answer(
    tmp_path: Path, cache: Path
) -> None:
    from geopol_cli.core.errors import ChangedMeanwhile, ExitCode

    facts = generated(tmp_path, 200, 25)
    both(facts, ["timeline", "--json"])
    read = store.load_for(facts, store.Need("all", "none", stream="time"))
    assert read.event_stream is not None
    event = json.loads(facts.read_text(encoding="utf-8"))["events"][0]["id"]
    edited = geopol("--facts", str(facts), "edit", "event", event, "--summary", "Edited meanwhile.")
    assert edited.exit_code == 0, edited.stderr  # written into the same index, in place
    with pytest.raises(ChangedMeanwhile, match="changed while it was read") as raised:
        list(read.event_stream())
    assert raised.value.code == ExitCode.AGAIN == 75


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--json"],
        ["search", "pipeline", "--json"],
        ["benefits", "--json"],
        ["benefits", "-c", "kazakhstan"],
    ],
)
def test_views_of_the_whole_base_read_its_events_as_they_use_them(
    tmp_path: Path, cache: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What keeps a view of a million events in the memory of a few thousand: it never holds them all.
    facts = generated(tmp_path, 300, 26)
    plain, _ = both(facts, args)  # builds the index (and search's words)
    both(facts, args)
    read: list[object] = []
    load_for = store.load_for

    def recorded(*given: object, **named: object) -> object:
        facts = load_for(*given, **named)  # type: ignore[arg-type]
        read.append(facts)
        return facts

    monkeypatch.setattr(store, "load_for", recorded)
    indexed = geopol("--facts", str(facts), *args, env={store.INDEX_ENV: "always"}, width=120)
    assert indexed.exit_code == 0 and indexed.stdout == plain
    [loaded] = read
    assert loaded.event_stream is not None and not loaded.base.events  # type: ignore[attr-defined]
    if args[0] != "timeline":  # and the claims they read with them
        assert loaded.claim_stream is not None and not loaded.base.claims  # type: ignore[attr-defined]


def test_a_search_read_as_a_stream_ranks_from_keys_and_makes_its_hits_as_they_are_written(
    tmp_path: Path, cache: Path
) -> None:
    from geopol_cli.facts.load import load_facts
    from geopol_cli.query.search import search
    from geopol_cli.query.stream import Stream

    facts = generated(tmp_path, 400, 27)
    both(facts, ["search", "pipeline", "--json"])  # builds the index
    both(facts, ["search", "pipeline", "--json"])  # and the words search reads
    streamed = search(store.load_for(facts, store.Need(words=("pipeline",), stream="file")), ["pipeline"])
    plain = search(load_facts(facts), ["pipeline"])
    assert isinstance(streamed.hits, Stream) and not isinstance(plain.hits, Stream)
    assert [(h.type, h.id, h.text) for h in streamed.hits] == [(h.type, h.id, h.text) for h in plain.hits]
    assert {h.type for h in plain.hits} >= {"event", "claim"}


def test_an_event_whose_derived_start_ties_it_with_the_event_it_answers_comes_after_it(
    tmp_path: Path, cache: Path
) -> None:
    # The ordering rule's third step: within one key, after the events it answers. Here the later-keyed
    # one is derived (it starts in June on its own, but answers an event of the 15th), the other is not,
    # and its id sorts first: read from the index, the two must still be one run.
    facts = generated(tmp_path, 200, 28)
    data = json.loads(facts.read_text(encoding="utf-8"))
    template = {k: v for k, v in data["events"][0].items() if k not in ("answers", "follows")}
    answered = {**template, "id": "zz-answered", "date": {"start": "2022-06-15", "end": "2022-06-30"}}
    answering = {**template, "id": "aa-answers", "date": {"start": "2022-06", "end": "2022-06-30"},
                 "answers": ["zz-answered"]}  # fmt: skip
    data["events"] += [answered, answering]
    facts.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for args in (["timeline", "--json"], ["timeline", "--since", "2022-06", "--until", "2022-06", "--json"]):
        plain, _ = both(facts, args)
        _, indexed = both(facts, args)
        assert plain == indexed, args
        ids = [e["id"] for e in json.loads(indexed)]
        assert ids.index("zz-answered") < ids.index("aa-answers")
