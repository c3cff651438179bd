"""Files in the exchange format: a JSON document, or the spreadsheet template filled in."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from casereview.exchange.problems import DocumentRejected, Problem
from casereview.exchange.spreadsheet import Locations, document_of

XLSX_MAGIC = b"PK\x03\x04"  # a workbook is a zip file
JSON_TYPE = "application/json"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_json(data: bytes | str) -> Any:
    """The document in a file's contents; DocumentRejected says where it stops being JSON."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise DocumentRejected([Problem((), "not UTF-8 text: expected a JSON document")]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as wrong:
        where = f"line {wrong.lineno}, column {wrong.colno}"
        raise DocumentRejected([Problem((), f"not JSON ({wrong.msg} at {where})")]) from None


def read_file(data: bytes) -> tuple[Any, Locations | None]:
    """The document a file holds, and for a workbook where each value came from."""
    if data.startswith(XLSX_MAGIC):
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
