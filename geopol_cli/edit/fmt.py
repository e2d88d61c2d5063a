"""`geopol fmt`: rewrite a fact base in the canonical form (facts/write.py)."""

from __future__ import annotations

from pathlib import Path

from geopol_cli.facts import journal
from geopol_cli.facts.load import load_facts, read_file
from geopol_cli.facts.write import canonical_text, locked, real_target, write_atomically
from geopol_cli.query.results import FormatReport, FormattedFile


def format_fact_base(path: Path, check: bool, origin: str | None = None) -> FormatReport:
    """Each file of the fact base in canonical form; with ``check``, only say which would change.

    The whole fact base must be valid first (FactsError otherwise): fmt never
    writes a file it could not read back. A version-1 file is written as
    version 2.
    """
    facts = load_facts(path, origin=origin)
    if str(path) == "-":
        # A filter: standard input in, its canonical form out.
        text = canonical_text(facts.base)
        return FormatReport(check=check, files=[FormattedFile("<stdin>", changed=False, written=False)], text=text)
    files = []
    if check:
        # A check takes no lock and creates nothing: it works in a read-only checkout.
        for name in facts.parts:
            base, _ = read_file(Path(name))
            changed = Path(name).read_bytes() != canonical_text(base).encode("utf-8")
            files.append(FormattedFile(file=name, changed=changed, written=False))
        return FormatReport(check=check, files=files)
    for name in facts.parts:
        real_target(Path(name))  # before any write: the installed package, a hard-linked file
    with locked(path):
        written: dict[str, tuple[bytes, bytes]] = {}
        before_and_after: list[tuple[str, bytes, bytes]] = []
        for name in facts.parts:
            file = Path(name)
            base, _ = read_file(file)
            text = canonical_text(base)
            before = file.read_bytes()
            changed = before != text.encode("utf-8")
            if changed:
                write_atomically(file, text)
                written[name] = (before, text.encode("utf-8"))
            before_and_after.append((name, before, text.encode("utf-8") if changed else before))
            files.append(FormattedFile(file=name, changed=changed, written=changed))
        if written:
            # No record changed, only the text: the journal keeps each file's text before, for undo.
            journal.record_write(path, "fmt", f"formatted {len(written)} file(s)", [], written)
            # And the index, if it answered for the files before, answers for them as they are now.
            from geopol_cli.facts.store import refresh

            refresh(facts, [(n, a) for n, _, a in before_and_after], [(n, b) for n, b, _ in before_and_after])
    return FormatReport(check=check, files=files)
