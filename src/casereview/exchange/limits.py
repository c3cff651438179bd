"""How large a file the import takes, and the checks that refuse a larger one cheaply.

Each check runs before the file's records are built (ADR 0009): a JSON document is scanned
for its nesting and its count of records and values before `json.loads`, and a workbook's
zip directory is read before openpyxl opens it; the workbook's rows are then counted as they
stream. Every refusal says what is wrong, the limit, and what to do.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 50 * MB
# The format nests 9 deep at most ($.reviews[].recommendations[].actions[].updates[] items).
MAX_DEPTH = 20
# Each record of a JSON document is an object ({...}); each value a string, number, list...
MAX_RECORDS = 150_000
MAX_VALUES = 2_000_000
# Rows a workbook's sheets may hold, filled or empty (each filled row is one record).
MAX_ROWS = 200_000
MAX_WORKBOOK_BYTES = 300 * MB  # all of the workbook's parts, uncompressed
MAX_COMPRESSION_RATIO = 100  # of any part over 1 MB uncompressed
MAX_PARTS = 1_000
MAX_DIRECTORY_BYTES = 1 * MB  # the zip's list of parts; more than MAX_PARTS would need
SPLIT = "Split the records into smaller files and import each in turn"

CHUNK = 1 * MB
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")
_END_OF_DIRECTORY = b"PK\x05\x06"


def size_problem(size: int) -> str | None:
    if size <= MAX_UPLOAD_BYTES:
        return None
    return (
        f"The file is {size / MB:.0f} MB: the import takes files of up to "
        f"{MAX_UPLOAD_BYTES // MB} MB. {SPLIT}."
    )


def json_problem(data: bytes) -> str | None:
    """What makes a JSON document too large or too deeply nested to read, else None.

    One pass over the bytes outside the document's strings (brackets and commas in text do
    not count), stopping at the first limit passed.
    """
    records = values = depth = 0
    for piece in _outside_strings(data):
        records += piece.count(b"{")
        if records > MAX_RECORDS:
            return (
                f"The file holds more than {MAX_RECORDS:,} records (each object {{...}} is "
                f"one): the import takes up to {MAX_RECORDS:,} at once. {SPLIT}."
            )
        values += piece.count(b"{") + piece.count(b"[") + piece.count(b",")
        if values > MAX_VALUES:
            return (
                f"The file holds more than {MAX_VALUES:,} values: the import takes up to "
                f"{MAX_VALUES:,} at once. {SPLIT}."
            )
        for byte in piece.translate(None, _NOT_BRACKETS):
            depth += 1 if byte in _OPENING else -1
            if depth > MAX_DEPTH:
                return (
                    f"The file nests lists and objects more than {MAX_DEPTH} deep: an exchange "
                    "document nests 9 deep at most. Check that the file is an exchange document "
                    "written for the case review exchange format."
                )
    return None


def _outside_strings(data: bytes) -> Iterator[bytes]:
    """The document less its strings, in pieces of at most CHUNK bytes.

    Escaped backslashes and quotes are dropped first, so every quote left opens or closes a
    string; a piece is the even (or, when it starts in a string, the odd) parts between them.
    """
    text = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    inside = False
    for start in range(0, len(text), CHUNK):
        parts = text[start : start + CHUNK].split(b'"')
        yield b"".join(parts[1 if inside else 0 :: 2])
        if len(parts) % 2 == 0:
            inside = not inside


def workbook_problem(file: BinaryIO) -> str | None:
    """What makes a workbook too large to open, from its zip directory alone, else None.

    A file that is not a zip is left for openpyxl to refuse.
    """
    directory = _directory_size(file)
    if directory is not None and directory > MAX_DIRECTORY_BYTES:
        return _too_many_parts()
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if len(parts) > MAX_PARTS:
        return _too_many_parts()
    total = sum(part.file_size for part in parts)
    if total > MAX_WORKBOOK_BYTES:
        return (
            f"The workbook unpacks to {total / MB:,.0f} MB: the import takes workbooks of up to "
            f"{MAX_WORKBOOK_BYTES // MB} MB unpacked. {SPLIT}, or save the workbook again "
            "from Excel without empty formatted rows."
        )
    for part in parts:
        if part.file_size > MB and part.file_size > MAX_COMPRESSION_RATIO * part.compress_size:
            return (
                f"The workbook's part {part.filename!r} unpacks to "
                f"{part.file_size / max(part.compress_size, 1):,.0f} times its packed size: the "
                f"import takes up to {MAX_COMPRESSION_RATIO} times. A workbook saved by Excel "
                "does not do this: save the records again from Excel or the template."
            )
    return None


def rows_problem() -> str:
    return (
        f"The workbook has more than {MAX_ROWS:,} rows (filled or empty): the import reads up "
        f"to {MAX_ROWS:,}. Delete the empty rows below the records, or {SPLIT.lower()}."
    )


def _too_many_parts() -> str:
    return (
        f"The workbook has more than {MAX_PARTS:,} parts: a workbook of the template has about "
        "20. Save the records again in the template, from Excel."
    )


def _directory_size(file: BinaryIO) -> int | None:
    """The size of a zip's central directory, read from its end record; None if not found."""
    file.seek(0, 2)
    end = file.tell()
    file.seek(max(0, end - 65_557))  # the end record (22 bytes) and its longest comment
    tail = file.read()
    file.seek(0)
    found = tail.rfind(_END_OF_DIRECTORY)
    if found < 0 or len(tail) < found + 22:
        return None
    (size,) = struct.unpack("<I", tail[found + 12 : found + 16])
    return size
