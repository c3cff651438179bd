"""Files in the exchange format: a JSON document, or the spreadsheet template filled in."""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, BinaryIO

from casereview.core import filekinds
from casereview.core.controlchars import normalise_line_breaks
from casereview.exchange import limits
from casereview.exchange.filekinds import wrong_kind
from casereview.exchange.models import PendingImport
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
    _refuse_beyond_json_limits(raw)
    text = data if isinstance(data, str) else _decoded(raw)
    del raw, data  # a caller that kept no reference frees the bytes before they are parsed
    return _parsed(text)


def _refuse_beyond_json_limits(raw: bytes) -> None:
    if (problem := limits.json_problem(raw)) is not None:
        raise refused(problem)


def _decoded(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as wrong:
        raise refused(
            f"The file is not saved as UTF-8 text (a character at byte {wrong.start + 1:,} "
            "cannot be read): a JSON document is UTF-8 text. Export the document again from "
            "this service, or save it as UTF-8 in your editor."
        ) from None


def _refuse_if_wrong_kind(data: bytes, *, workbook: bool) -> None:
    """Refuse a file that is not a workbook (when it is a zip) or not text (when it is not),
    saying what it is: a PDF renamed tracker.xlsx is still a PDF."""
    kind = filekinds.described(data)
    if kind != (filekinds.EXCEL if workbook else filekinds.TEXT):
        raise refused(wrong_kind(data))


def _parsed(text: str) -> Any:
    try:
        # Control characters in strings are let through, to be refused by JSON path.
        document = json.loads(text, strict=False)
    except json.JSONDecodeError as wrong:
        raise refused(_not_json(text, wrong)) from None
    except ValueError:  # Python reads whole numbers of up to 4,300 digits
        raise refused(
            "A number in the file has more than 4,300 digits: the format's numbers are whole "
            "numbers such as years and counts. Correct the number, or export the document again."
        ) from None
    # A carriage return as it is, or escaped in a string ("\\r" in the text).
    return _with_newlines(document) if "\r" in text or "\\r" in text else document


def _not_json(text: str, wrong: json.JSONDecodeError) -> str:
    if not text.lstrip().startswith(("{", "[")):
        return wrong_kind(text.encode())
    where = f"line {wrong.lineno}, column {wrong.colno}"
    return (
        f"The JSON document cannot be read from {where} on ({wrong.msg}): it may have been "
        "cut short or changed by hand. Export it again from this service, or correct it at "
        "that place."
    )


def _with_newlines(value: Any) -> Any:
    """Line breaks normalised in every string of the document, in place: only the strings
    that change are copied, not the document."""
    if isinstance(value, str):
        return normalise_line_breaks(value)
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _with_newlines(item)
    elif isinstance(value, dict):
        if any(isinstance(key, str) and "\r" in key for key in value):
            items = [(_with_newlines(key), _with_newlines(item)) for key, item in value.items()]
            value.clear()
            value.update(items)
        else:
            for key, item in value.items():
                value[key] = _with_newlines(item)
    return value


def read_file(file: BinaryIO) -> tuple[Any, Locations | None]:
    """The document an open file holds, and for a workbook where each value came from.

    DocumentRejected, without reading the records, when the file passes a limit of
    exchange/limits.py. Of a JSON file's bytes, its text and its document, no two are held
    while it is parsed: the bytes are dropped once decoded (as `read_upload` does).
    """
    data = file.read()
    _refuse_if_too_large(len(data))
    if data.startswith(XLSX_MAGIC):
        return _read_workbook(data)
    _refuse_if_wrong_kind(data, workbook=False)
    _refuse_beyond_json_limits(data)
    text = _decoded(data)
    del data
    return _parsed(text), None


def _refuse_if_too_large(size: int) -> None:
    if (problem := limits.size_problem(size)) is not None:
        raise refused(problem)


def _read_workbook(data: bytes) -> tuple[Any, Locations]:
    if (problem := limits.workbook_problem(io.BytesIO(data))) is not None:
        raise refused(problem)
    _refuse_if_wrong_kind(data, workbook=True)
    return document_of(data)


def with_places(file: BinaryIO, act: Callable[[Any], Any]) -> Any:
    """`act(document)` on an open file's document; its problems named by cell for a workbook.

    Nothing here holds the document once `act` returns: what `act` returns (an import's
    plan) keeps only the parts of it that it needs.
    """
    return _acted(act, *read_file(file))


def _acted(act: Callable[[Any], Any], document: Any, locations: Locations | None) -> Any:
    try:
        return act(document)
    except DocumentRejected as rejected:
        if locations is None:
            raise
        raise locations.rejected(rejected) from None


# What a pending import keeps of an uploaded file until it is confirmed (ADR 0009)


@dataclass(frozen=True)
class Kept:
    """What is kept of an upload (PendingImport.holds), compressed with zlib."""

    holds: PendingImport.Holds
    compressed: bytes


def read_upload(file: BinaryIO, check: Callable[[Any], Any]) -> Kept:
    """Read an uploaded file, `check(document)` its document (its problems named by cell for
    a workbook), and return what to keep of it to confirm.

    Of a JSON file's bytes, its text and its document, no two are held while the document is
    parsed or checked: the bytes are compressed, then dropped once decoded, and the text once
    parsed. A workbook's document is kept rather than the workbook, which takes far longer to
    read again than its document's JSON.
    """
    data = file.read()
    _refuse_if_too_large(len(data))
    if data.startswith(XLSX_MAGIC):
        document, locations = _read_workbook(data)
        del data
        _acted(check, document, locations)
        del locations
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        del document
        return Kept(PendingImport.Holds.DOCUMENT, zlib.compress(text.encode()))
    _refuse_if_wrong_kind(data, workbook=False)
    _refuse_beyond_json_limits(data)
    kept = Kept(PendingImport.Holds.FILE, zlib.compress(data))
    text = _decoded(data)
    del data
    document = _parsed(text)
    del text
    check(document)
    return kept


def read_kept(holds: str, compressed: bytes | memoryview) -> Any:
    """The document of what a pending import kept, read as it was when uploaded: a JSON
    file checked against the same limits again; a workbook's document as it was read."""
    data = zlib.decompress(compressed)
    if holds == PendingImport.Holds.FILE:
        _refuse_if_too_large(len(data))
        _refuse_beyond_json_limits(data)
    text = _decoded(data)
    del data
    return _parsed(text) if holds == PendingImport.Holds.FILE else json.loads(text)


def as_json(document: dict[str, Any]) -> str:
    """The document as the export writes it: indented, UTF-8, keys in the format's order."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


SEED_FILE = "data/oscb-seed.json"


def seed_document() -> dict[str, Any]:
    """The Oxfordshire records of the seed report, as the demo partnership's exchange document."""
    return json.loads(resources.files("casereview.exchange").joinpath(SEED_FILE).read_text("utf-8"))
