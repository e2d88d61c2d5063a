"""The one JSON exporter every `--json` uses, and the writer of every plain-text document.

It writes a single document to stdout: UTF-8, no colour, ISO dates, the keys
of the result records in their declared order. Control, bidi and invisible
characters are written as ``\\uXXXX`` escapes so that even a JSON document
shown raw in a terminal is safe (see :mod:`geopol_cli.render.safe`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import islice
from typing import Any

import pydantic_core

from geopol_cli.query.stream import Stream, held, streamed
from geopol_cli.render.safe import escaped, json_safe, json_safe_utf8


def document(result: Any) -> Any:
    """What a result's JSON document is: the result itself, or for a list view the list it names."""
    shape = getattr(type(result), "shape", None)  # query/results.py ListShape
    return getattr(result, shape.lists[0]) if shape is not None and shape.bare else result


def to_json(value: Any) -> str:
    """A result (or a list of them, or plain data) as indented JSON text."""
    root = document(value)
    root = root.held() if isinstance(root, Stream) else held(root)
    return json_safe(pydantic_core.to_json(root, indent=2).decode("utf-8"))


def write_json(value: Any) -> None:
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    if encoding in ("utf-8", "utf8") and getattr(sys.stdout, "buffer", None) is not None:
        # The usual case: the bytes pydantic-core writes go out as they are,
        # checked for unsafe characters without a decode and re-encode (on a
        # 135 MB timeline that round trip cost a second).
        root = document(value)
        if isinstance(root, Stream) or (isinstance(root, list) and len(root) > _BATCH):
            _write_json_array(root)
            return
        if getattr(type(root), "shape", None) is not None:  # a list view's object: its lists, an element at a time
            _write_json_object(root)
            return
        write_bytes(json_safe_utf8(pydantic_core.to_json(held(root), indent=2)) + b"\n")
        return
    text = to_json(value) + "\n"
    if "utf" not in encoding:
        # A stdout that cannot carry every character (PYTHONIOENCODING=ascii, a
        # legacy code page) gets pure-ASCII JSON, which decodes to the same data.
        import json

        text = json.dumps(json.loads(text), indent=2, ensure_ascii=True) + "\n"
    write_text(text)


# Elements of a JSON array serialised at a time: a large array is written in batches, so that the
# whole document never stands in memory at once (a 200 MB timeline held 390 MB of serialiser buffer).
_BATCH = 2000


def _write_json_array(items: Iterable[Any], margin: bytes = b"", after: bytes = b"\n") -> None:
    """The bytes pydantic-core gives for the whole array (indent 2), written a batch of elements at a time,
    each batch made only when it is written (``items`` may be a Stream: a million never held at once).
    ``margin``: the indent of the line the array starts on (inside an object); ``after``: what follows it.

    An element serialised alone starts at the margin; inside the array every
    line of it is indented two more spaces. Strings never hold a raw line
    break (JSON escapes it), so every b"\\n" is a line of the layout. An
    element that holds streams itself is written a field at a time.
    """
    elements = iter(items)
    batch = list(islice(elements, _BATCH))
    if not batch:
        write_bytes(b"[]" + after)
        return
    write_bytes(b"[\n")
    indent = margin + b"  "
    inner = b"\n" + indent
    while batch:
        following = list(islice(elements, _BATCH))
        end = b"\n" + margin + b"]" + after
        if not any(streamed(item) for item in {type(item): item for item in batch}.values()):
            chunk = b",\n".join(indent + pydantic_core.to_json(item, indent=2).replace(b"\n", inner) for item in batch)
            write_bytes(json_safe_utf8(chunk) + (b",\n" if following else end))
        else:
            last = len(batch) - 1
            for i, item in enumerate(batch):
                comma = b",\n" if i < last or following else end
                if _holds_stream(item):
                    write_bytes(indent)
                    _write_json_object(item, indent, comma)
                else:
                    write_bytes(
                        json_safe_utf8(indent + pydantic_core.to_json(item, indent=2).replace(b"\n", inner)) + comma
                    )
        batch = following


def _holds_stream(record: Any) -> bool:
    return any(isinstance(getattr(record, name), Stream) for name in streamed(record))


def _write_json_object(result: Any, margin: bytes = b"", after: bytes = b"\n") -> None:
    """The bytes pydantic-core gives for a result (indent 2), written a field at a time, and a list field an
    element at a time: a benefits document lists every piece of evidence, and written whole it stood in
    memory twice over (its bytes, and their checked copy). The object starts where the caller's line is;
    ``margin`` is that line's indent, ``after`` what follows the object."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(result)]
    indent = margin + b"  "
    write_bytes(b"{\n")
    for i, name in enumerate(names):
        value = getattr(result, name)
        head = indent + pydantic_core.to_json(name) + b": "
        comma = b",\n" if i < len(names) - 1 else b"\n"
        if isinstance(value, (list, Stream)):
            write_bytes(json_safe_utf8(head))
            _write_json_array(value, indent, comma)
        else:
            write_bytes(
                json_safe_utf8(head + pydantic_core.to_json(value, indent=2).replace(b"\n", b"\n" + indent) + comma)
            )
    write_bytes(margin + b"}" + after)


def write_text(text: str) -> None:
    """Write a whole document to stdout, all of it or a BrokenPipeError.

    A single large write to a pipe whose reader has gone can be cut short
    silently (the buffered writer returns a short count), so bytes are written
    in a loop until all are out, and the next write after a short one raises.
    """
    # The last line of defence for every text document (CSV, Markdown, DOT, Mermaid, reports, --jq's
    # values): whatever a writer let through, no control or bidi character leaves raw. Writers escape
    # each value already, so this finds nothing on the usual path; line breaks and tabs are layout.
    text = escaped(text)
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        sys.stdout.write(text)
        return
    write_bytes(text.encode(encoding if "utf" in encoding else "ascii", errors="replace"))


def write_bytes(data: bytes) -> None:
    """Write encoded bytes to stdout's buffer in a loop (see :func:`write_text`)."""
    binary = sys.stdout.buffer
    sys.stdout.flush()
    remaining = memoryview(data)
    while remaining:
        written = binary.write(remaining)
        remaining = remaining[written or 0 :]
    binary.flush()


def json_lines_items(result: Any) -> Iterable[Any]:
    """The elements of a result's JSON document that --format jsonl writes one a line (made as they are
    written, where a list of them is a Stream)."""
    shape = getattr(type(result), "shape", None)  # query/results.py ListShape
    if shape is not None:
        return (item for name in shape.lists for item in getattr(result, name))
    selected = getattr(result, "lists", None)  # plain data already selected by --fields
    if isinstance(result, dict) and selected:
        return [item for name in selected for item in result[name]]
    items = document(result)
    return items if isinstance(items, list) else [items]


def write_json_lines(result: Any) -> None:
    """JSON Lines: each line one element of the --json document, exactly (``--json | jq -c '.[]'``), written
    a batch of lines at a time (a line whose element holds streams, a part at a time)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    raw = encoding in ("utf-8", "utf8") and getattr(sys.stdout, "buffer", None) is not None
    items = iter(json_lines_items(result))
    while batch := list(islice(items, _BATCH)):
        if not raw:
            import json

            lines = pydantic_core.to_json([held(item) for item in batch])
            write_text("".join(json.dumps(item, ensure_ascii=True) + "\n" for item in json.loads(lines)))
            continue
        line: list[bytes] = []
        for item in batch:
            if _holds_stream(item):
                write_bytes(json_safe_utf8(b"".join(line)))
                line = []
                for part in _compact_parts(item):
                    write_bytes(json_safe_utf8(part))
                write_bytes(b"\n")
            else:
                line.append(pydantic_core.to_json(item) + b"\n")
        write_bytes(json_safe_utf8(b"".join(line)))


def _compact_parts(value: Any) -> Iterable[bytes]:
    """The bytes of pydantic-core's compact JSON for ``value``, a part at a time: a stream a batch of elements
    at a time, and a record that holds streams a field at a time."""
    if isinstance(value, Stream):
        elements = iter(value)
        yield b"["
        separator = b""
        while batch := list(islice(elements, _BATCH)):
            yield separator + b",".join(pydantic_core.to_json(item) for item in batch)
            separator = b","
        yield b"]"
    elif _holds_stream(value):
        import dataclasses

        separator = b"{"
        for f in dataclasses.fields(value):
            yield separator + pydantic_core.to_json(f.name) + b":"
            yield from _compact_parts(getattr(value, f.name))
            separator = b","
        yield b"}"
    else:
        yield pydantic_core.to_json(value)
