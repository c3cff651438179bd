"""Files in the exchange format: a JSON document, or the spreadsheet template filled in."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from casereview.core.controlchars import normalise_line_breaks
from casereview.exchange import limits
from casereview.exchange.problems import DocumentRejected, Problem
from casereview.exchange.spreadsheet import Locations, document_of

XLSX_MAGIC = b"PK\x03\x04"  # a workbook is a zip file
JSON_TYPE = "application/json"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refused(message: str) -> DocumentRejected:
    """The whole file refused, before its records were read."""
    return DocumentRejected([Problem((), message, where="the file")])


def read_json(data: bytes | str) -> Any:
    """The document in a file's contents; DocumentRejected says where it stops being JSON,
    or which of the import's limits it passes. Line breaks in its text become newlines."""
    raw = data.encode() if isinstance(data, str) else data
    if (problem := limits.json_problem(raw)) is not None:
        raise refused(problem)
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise DocumentRejected([Problem((), "not UTF-8 text: expected a JSON document")]) from None
    try:
        # Control characters in strings are let through, to be refused by JSON path.
        document = json.loads(text, strict=False)
    except json.JSONDecodeError as wrong:
        where = f"line {wrong.lineno}, column {wrong.colno}"
        raise DocumentRejected([Problem((), f"not JSON ({wrong.msg} at {where})")]) from None
    except ValueError:  # Python reads whole numbers of up to 4,300 digits
        raise DocumentRejected(
            [
                Problem(
                    (), "a number has more than 4,300 digits: expected a whole number of the format"
                )
            ]
        ) from None
    del text
    carriage_return = b"\r" in raw or b"\\r" in raw  # as it is, or escaped in a string
    return _with_newlines(document) if carriage_return else document


def _with_newlines(value: Any) -> Any:
    if isinstance(value, str):
        return normalise_line_breaks(value)
    if isinstance(value, list):
        return [_with_newlines(item) for item in value]
    if isinstance(value, dict):
        return {_with_newlines(key): _with_newlines(item) for key, item in value.items()}
    return value


def read_file(data: bytes) -> tuple[Any, Locations | None]:
    """The document a file holds, and for a workbook where each value came from.

    DocumentRejected, without reading the records, when the file passes a limit of
    exchange/limits.py.
    """
    if (problem := limits.size_problem(len(data))) is not None:
        raise refused(problem)
    if data.startswith(XLSX_MAGIC):
        if (problem := limits.workbook_problem(io.BytesIO(data))) is not None:
            raise refused(problem)
        return document_of(data)
    return read_json(data), None


def with_places(data: bytes, act: Callable[[Any], Any]) -> Any:
    """`act(document)` on the file's document; its problems named by cell for a workbook."""
    document, locations = read_file(data)
    try:
        return act(document)
    except DocumentRejected as rejected:
        if locations is None:
            raise
        raise locations.rejected(rejected) from None


def as_json(document: dict[str, Any]) -> str:
    """The document as the export writes it: indented, UTF-8, keys in the format's order."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


SEED_FILE = "data/oscb-seed.json"


def seed_document() -> dict[str, Any]:
    """The Oxfordshire records of the seed report, as the demo partnership's exchange document."""
    return json.loads(resources.files("casereview.exchange").joinpath(SEED_FILE).read_text("utf-8"))
