"""A partnership's own tracker read as sheets of cells: an Excel workbook (.xlsx) or a CSV file.

Nothing here knows what the cells mean: that is the mapping's (mapping.py). A sheet's rows
are numbered as Excel shows them (the first row is 1), so every problem can name the row a
person sees. Merged cells hold their value in the top-left cell only. A CSV file is one sheet,
named after the file; its text may be UTF-8 (with or without Excel's mark), UTF-16 (Excel's
"Unicode text") or Windows-1252 (Excel's plain "CSV"), separated by commas, semicolons or tabs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from casereview.core.filekinds import (
    EXCEL,
    OLD_EXCEL,
    OPENDOCUMENT_SPREADSHEET,
    TEXT,
    described,
)
from casereview.exchange import limits
from casereview.exchange.filekinds import wrong_kind
from casereview.exchange.files import refused

HEADER_SEARCH = 30  # the rows looked at for the header row: title rows sit above it
SPREADSHEET = "a spreadsheet"
UPLOAD_AS = "upload the tracker as an Excel workbook (.xlsx) or a CSV file (.csv)"


@dataclass
class Sheet:
    """One sheet's cells, row by row (CSV text as typed; Excel dates as dates)."""

    name: str
    rows: list[list[object]] = field(default_factory=list)

    def guess_header_row(self) -> int:
        """The row (as Excel numbers it) most likely to hold the headers: the first nearly as
        wide as the widest row near the top, and mostly words. Title rows, one cell wide
        (merged or not), and blank rows above it are skipped."""
        top = self.rows[:HEADER_SEARCH]
        widest = max((_filled(row) for row in top), default=0)
        for index, row in enumerate(top):
            filled = [value for value in row if not _blank(value)]
            if len(filled) < max(2, round(widest * 0.6)):
                continue
            words = [value for value in filled if isinstance(value, str) and not _numeric(value)]
            if len(words) >= 0.8 * len(filled):
                return index + 1
        return 1

    def headers(self, header_row: int) -> list[str]:
        """The header row's text, one a column ("" for an empty cell). A header repeated in
        the row is told apart by its place: "Date", "Date (2)"."""
        row = self.rows[header_row - 1] if 0 < header_row <= len(self.rows) else []
        found: list[str] = []
        for value in row:
            text = "" if _blank(value) else " ".join(str(value).split())
            if text and text in found:
                n = 2
                while f"{text} ({n})" in found:
                    n += 1
                text = f"{text} ({n})"
            found.append(text)
        while found and not found[-1]:
            found.pop()
        return found

    def data_rows(self, header_row: int) -> Iterator[tuple[int, list[object]]]:
        """The rows below the header row, each with its row number as Excel shows it; blank
        rows skipped."""
        for index in range(header_row, len(self.rows)):
            row = self.rows[index]
            if any(not _blank(value) for value in row):
                yield index + 1, row

    @staticmethod
    def column_letter(index: int) -> str:
        """The letter Excel shows over a column: 0 is "A", 26 is "AA"."""
        return str(get_column_letter(index + 1))


@dataclass
class Workbook:
    file_name: str
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(f"The tracker has no sheet called {name!r}")

    def has(self, name: str) -> bool:
        return any(sheet.name == name for sheet in self.sheets)


def read_spreadsheet(data: bytes, file_name: str) -> Workbook:
    """The sheets of an .xlsx or .csv file. DocumentRejected, with one problem in words, when
    it is another kind of file, or passes the import's limits."""
    if (problem := limits.size_problem(len(data))) is not None:
        raise refused(problem)
    kind = described(data)
    if kind == EXCEL:
        return _read_xlsx(data, file_name)
    if kind in (TEXT, None) and _looks_like_text(data):
        return Workbook(file_name, [_read_csv(data, file_name)])
    raise refused(_not_a_spreadsheet(data, kind))


def _not_a_spreadsheet(data: bytes, kind: str | None) -> str:
    if kind in (OLD_EXCEL, OPENDOCUMENT_SPREADSHEET):
        return wrong_kind(data, SPREADSHEET)
    what = f"This is {kind}" if kind else "This file is not one the import can read"
    return f"{what}, not {SPREADSHEET}: {UPLOAD_AS}."


def _looks_like_text(data: bytes) -> bool:
    start = data[:4096]
    return start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in start


def _read_xlsx(data: bytes, file_name: str) -> Workbook:
    if (problem := limits.workbook_problem(io.BytesIO(data))) is not None:
        raise refused(problem)
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise refused(
            "The workbook could not be opened: it may be damaged or protected with a password. "
            "Open it in Excel, save a copy without a password, and upload the copy."
        ) from None
    sheets, total = [], 0
    for ws in book.worksheets:
        rows = [
            list(row)
            for row in ws.iter_rows(
                min_row=1, min_col=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True
            )
        ]
        total += len(rows)
        if total > limits.MAX_ROWS:
            raise refused(limits.rows_problem())
        sheets.append(Sheet(ws.title, _trimmed(rows)))
    book.close()
    return Workbook(file_name, sheets)


def _read_csv(data: bytes, file_name: str) -> Sheet:
    text = _decoded(data)
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        first = sample.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)
        dialect = _dialect(delimiter)
    rows: list[list[object]] = []
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        rows.append([value.strip() or None for value in row])
        if len(rows) > limits.MAX_ROWS:
            raise refused(limits.rows_problem())
    width = max((len(row) for row in rows), default=0)
    padded = [row + [None] * (width - len(row)) for row in rows]
    return Sheet(PurePath(file_name).stem or "CSV", _trimmed(padded))


def _dialect(delimiter: str) -> csv.Dialect:
    class Found(csv.excel):
        pass

    Found.delimiter = delimiter
    return Found()


def _decoded(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _trimmed(rows: list[list[object]]) -> list[list[object]]:
    """The rows less the empty ones at the bottom (Excel keeps formatted empty rows)."""
    while rows and all(_blank(value) for value in rows[-1]):
        rows.pop()
    return rows


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _filled(row: list[object]) -> int:
    return sum(1 for value in row if not _blank(value))


def _numeric(text: str) -> bool:
    """Text that reads as a number or a date (a data row's, not a header's)."""
    stripped = text.strip().replace("/", "").replace("-", "").replace(".", "")
    return stripped.isdigit()
