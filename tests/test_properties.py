"""Property-based tests: random valid fact bases and random corruptions of the bundled file."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import BUNDLED, Ran, geopol
from .test_untrusted import HOSTILE, RAW_CONTROL

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any text at all, hostile strings favoured; at least one visible character, as the format requires.
texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
).filter(lambda s: any(not c.isspace() for c in s))
partial_dates = st.dates().map(lambda d: d.isoformat()).flatmap(lambda iso: st.sampled_from([iso[:4], iso[:7], iso]))


@st.composite
def fact_bases(draw: st.DrawFn) -> dict[str, Any]:
    n_actors = draw(st.integers(1, 6))
    actors = [
        {"id": f"a{i}", "name": draw(texts), "kind": draw(st.sampled_from(["country", "bloc", "region"])),
         "aliases": draw(st.lists(texts, max_size=2))}
        for i in range(n_actors)
    ]  # fmt: skip
    actor_ids = st.sampled_from([a["id"] for a in actors])
    stakes = st.lists(
        st.fixed_dictionaries({"actor": actor_ids, "what": texts, "basis": st.sampled_from(["stated", "counterpart"])}),
        max_size=2,
    )
    # A second source's paraphrase, with the date and act it gives; and a dispute between the two.
    second = st.lists(
        st.fixed_dictionaries(
            {"source": st.just("t"), "account": texts},
            optional={"date": st.fixed_dictionaries({"start": partial_dates}), "act": texts, "note": texts},
        ),
        max_size=1,
    )
    disputes = st.lists(
        st.fixed_dictionaries(
            {"point": st.sampled_from(["date", "act", "order"]), "sources": st.just(["s"]), "why": texts},
            optional={"follows": st.just("s")},
        ),
        max_size=1,
    )
    events = []
    for i in range(draw(st.integers(0, 8))):
        start = draw(st.one_of(st.none(), partial_dates))
        end = draw(partial_dates) if start is None else draw(st.one_of(st.none(), st.just(start)))
        events.append(
            {
                "id": f"e{i}",
                "date": {"start": start, "end": end, "text": draw(st.one_of(st.none(), texts))},
                "actors": draw(st.lists(actor_ids, min_size=1, max_size=2)),
                "targets": draw(st.lists(actor_ids, max_size=2)),
                "kind": draw(st.sampled_from(["trade", "energy", "security"])),
                "direction": draw(st.sampled_from(["away", "towards", "counter", "other"])),
                "beneficiaries": draw(stakes),
                "losers": draw(stakes),
                "answers": [f"e{j}" for j in draw(st.lists(st.integers(0, max(i - 1, 0)), max_size=2)) if j < i],
                "summary": draw(texts),
                "citations": [{"source": "s", "excerpt": draw(texts)}, *draw(second)],
                "disputes": draw(disputes),
            }
        )
    claims = [
        {"id": f"c{i}", "by": "s", "about": draw(st.lists(actor_ids, min_size=1, max_size=2)),
         "stance": draw(st.sampled_from(["decline", "gain"])), "summary": draw(texts),
         "beneficiaries": draw(stakes), "citations": [{"source": "s", "excerpt": draw(texts)}]}
        for i in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    return {
        "schema_version": 2,
        "sources": [
            {"id": "s", "title": draw(texts), "publisher": draw(texts)},
            {"id": "t", "title": draw(texts), "publisher": draw(texts)},
        ],
        "actors": actors,
        "events": events,
        "claims": claims,
    }


def _invoke(args: list[str], width: int = 80) -> Ran:
    return geopol(*args, width=width)


@SETTINGS
@given(data=fact_bases(), width=st.sampled_from([20, 80, 160]))
def test_random_fact_bases_render_safely(tmp_path_factory: Any, data: dict[str, Any], width: int) -> None:
    path = tmp_path_factory.mktemp("facts") / "facts.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    commands = [["validate"], ["countries"], ["timeline"], ["benefits"], ["country", data["actors"][0]["id"]]]
    for command in commands:
        for output in ([], ["--json"]):
            result = _invoke([*command, *output, "--facts", str(path)], width)
            assert result.exit_code == 0, (command, result.stderr)
            assert "Traceback" not in result.stderr
            assert not RAW_CONTROL.search(result.stdout), (command, result.stdout[:300])
            if output:
                json.loads(result.stdout)
    # JSON gives back exactly the text of the file.
    timeline = json.loads(_invoke(["timeline", "--json", "--facts", str(path)]).stdout)
    assert sorted(e["summary"] for e in timeline) == sorted(e["summary"] for e in data["events"])


@st.composite
def corruptions(draw: st.DrawFn) -> bytes:
    original = BUNDLED.read_bytes()
    at = draw(st.integers(0, len(original) - 1))
    how = draw(st.sampled_from(["truncate", "delete", "insert", "replace", "swap-value"]))
    if how == "truncate":
        return original[:at]
    if how == "delete":
        return original[:at] + original[at + draw(st.integers(1, 200)) :]
    junk = draw(st.binary(min_size=1, max_size=8))
    if how == "insert":
        return original[:at] + junk + original[at:]
    if how == "replace":
        return original[:at] + junk + original[at + len(junk) :]
    data = json.loads(original)
    section = draw(st.sampled_from(["events", "claims", "actors"]))
    record = draw(st.sampled_from(data[section]))
    key = draw(st.sampled_from(sorted(record)))
    record[key] = draw(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)))
    return json.dumps(data).encode()


@SETTINGS
@given(content=corruptions())
def test_corrupted_bundled_file_never_crashes(tmp_path_factory: Any, content: bytes) -> None:
    path = tmp_path_factory.mktemp("facts") / "facts.json"
    path.write_bytes(content)
    validate = _invoke(["validate", str(path)])
    assert validate.exit_code in (0, 3), validate.stderr
    for result, args in ((validate, None), (_invoke(["timeline", "--facts", str(path)]), "timeline")):
        assert result.exit_code in (0, 3), (args, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert not RAW_CONTROL.search(result.stdout) and not RAW_CONTROL.search(result.stderr)
    if validate.exit_code == 3:
        lines = validate.stdout.strip().splitlines()
        assert lines[-1].endswith(str(path)) and "problem" in lines[-1]
