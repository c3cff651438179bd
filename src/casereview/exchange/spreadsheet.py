"""The exchange format as an Excel workbook: one sheet per kind of record.

The layout a partnership can fill from its old tracker: a row per record, a column per key,
lists as comma-separated ids. A full date is a real Excel date (shown dd/mm/yyyy); a date known
only to the month or year is text, "March 2021" or "2021", as Excel holds no partial date; the
reader takes both back with their precision, and dates typed as people write them. Records that hang
off another name it in their first columns (an action names its review and recommendation
number). `workbook_of(document)` fills the template; `document_of(data)` reads it back into
a document, which then goes through the same checks as any other, its problems named by
sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import unescape
from openpyxl.worksheet.datavalidation import DataValidation

from casereview.accounts.mapping import AGENCY, GLOSSARY_TERM
from casereview.accounts.mapping import PARTNERSHIP as PARTNERSHIP_RECORD
from casereview.actionplans.mapping import ACTION, PROGRESS_UPDATE, RECOMMENDATION
from casereview.core.choices import DatePrecision
from casereview.core.controlchars import normalise_line_breaks
from casereview.core.mapping import Kind, RecordMapping
from casereview.core.office import cell
from casereview.core.partialdates import PartialDate
from casereview.core.ukdates import NotADate, read_date
from casereview.exchange import limits
from casereview.exchange.problems import (
    MAX_PROBLEMS,
    DocumentRejected,
    Part,
    Problem,
    What,
    in_order,
    quoted,
)
from casereview.exchange.problems import Cell as Place
from casereview.exchange.selectors import FORMAT, VERSION
from casereview.learning.mapping import LEARNING_EVENT
from casereview.referrals.mapping import (
    CHILD,
    DECISION,
    PANEL_SUBMISSION,
    RAPID_REVIEW,
    REFERRAL,
)
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.mapping import (
    DOCUMENT,
    FAMILY_CONTRIBUTION,
    LEARNING_POINT,
    PARALLEL_PROCESS,
    PUBLICATION,
    REVIEW,
)

TEXT, OPTIONAL_TEXT, DATE, NUMBER, YES_NO, LIST, CODE, CODES = (
    "text",
    "optional text",
    "date",
    "number",
    "yes or no",
    "list",
    "code",
    "codes",  # codes of the 'Allowed values' sheet separated by commas
)
README = "Read me"
TEXT_ROWS = 200  # empty rows below the records whose date cells are formatted as text
DATE_FORMAT = "dd/mm/yyyy"
ALLOWED = "Allowed values"
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str
    path: tuple[str, ...]  # where the value goes in its record: ("decision", "date")
    codes: tuple[str, ...] = ()  # the allowed values of a code column
    # A column of version 2: a workbook filled from version 1's template, without it, leaves
    # its key out of the document, so that what is recorded of it stays as it is (a version
    # 1 document reads as if each new key were absent).
    optional: bool = False


def col(header: str, kind: str = TEXT, *, path: tuple[str, ...] | None = None) -> Column:
    return Column(header, kind, path or (header,))


# The column each kind of key makes (a code's column also lists its codes).
COLUMN_KINDS = {
    Kind.TEXT: TEXT,
    Kind.OPTIONAL_TEXT: OPTIONAL_TEXT,
    Kind.CODE: CODE,
    Kind.OPTIONAL_CODE: CODE,
    Kind.FLAG: YES_NO,
    Kind.COUNT: NUMBER,
    Kind.OPTIONAL_COUNT: NUMBER,
    Kind.PARTIAL_DATE: DATE,
    Kind.OPTIONAL_PARTIAL_DATE: DATE,
    Kind.OPTIONAL_DATE: DATE,
    Kind.RECORD: TEXT,  # the other record's id
    Kind.OPTIONAL_RECORD: OPTIONAL_TEXT,
    Kind.CODES: CODES,
}


def columns_of(
    record: RecordMapping[Any],
    *,
    after: dict[str, tuple[Column, ...]] | None = None,
    prefix: str = "",
    within: tuple[str, ...] = (),
    optional: bool = False,
    version_2: tuple[str, ...] = (),
) -> tuple[Column, ...]:
    """A column for each key of the record's mapping, in its order, with its kind and codes;
    `after` puts the columns the mapping does not hold (lists of ids) after a key; `prefix`
    and `within` place a record held inside another (a referral's decision). Every column is
    `optional` (version 2's), or those of the keys in `version_2`."""
    found: list[Column] = []
    for field in record.fields:
        found.append(
            Column(
                prefix + field.key,
                COLUMN_KINDS[field.kind],
                (*within, field.key),
                field.codes(record.model),
                optional or field.key in version_2,
            )
        )
        found += (after or {}).get(field.key, ())
    return tuple(found)


@dataclass(frozen=True)
class Sheet:
    name: str
    collection: str  # "referrals", or the list under a review: "recommendations"
    columns: tuple[Column, ...]
    parents: tuple[str, ...] = ()  # leading columns naming the record it belongs to
    hint: str = ""


SHEETS = (
    Sheet(
        "Agencies",
        "agencies",
        (col("id"), *columns_of(AGENCY)),
        hint="One row per member agency. The id is yours to choose; other sheets use it.",
    ),
    Sheet(
        "Children",
        "children",
        (col("id"), *columns_of(CHILD)),
        hint="Never a real name: the pseudonym used in the published review.",
    ),
    Sheet(
        "Referrals",
        "referrals",
        (
            col("id"),
            col("reference", OPTIONAL_TEXT),
            *columns_of(REFERRAL, after={"incident_date": (col("children", LIST),)}),
            *columns_of(
                RAPID_REVIEW,
                prefix="rapid_review_",
                within=("rapid_review",),
                optional=True,
                after={
                    "immediate_actions": (
                        Column(
                            "rapid_review_agencies", LIST, ("rapid_review", "agencies"), (), True
                        ),
                    )
                },
            ),
            *columns_of(
                DECISION, prefix="decision_", within=("decision",), version_2=("considerations",)
            ),
            *columns_of(PANEL_SUBMISSION, prefix="panel_", within=("national_panel",)),
        ),
        hint="Leave the rapid review columns empty until a rapid review is held (England from "
        "2018), the decision columns empty while the decision is pending, and the panel "
        "columns empty until the case is sent to the national panel. rapid_review_agencies "
        "are ids from the Agencies sheet; rapid_review_signed_off_by and "
        "decision_considerations are values of the 'Allowed values' sheet, separated by commas.",
    ),
    Sheet(
        "Reviews",
        "reviews",
        (
            col("id"),
            *columns_of(
                REVIEW,
                after={"framework": (col("children", LIST),), "summary": (col("themes", LIST),)},
            ),
            *columns_of(PUBLICATION, prefix="publication_", within=("publication",), optional=True),
        ),
        hint="Leave the publication columns empty until the final report is sent to the "
        "Panel or the partnership decides not to publish.",
    ),
    Sheet(
        "Parallel processes",
        "parallel_processes",
        columns_of(PARALLEL_PROCESS),
        parents=("review",),
    ),
    Sheet(
        "Family contribution",
        "family_contribution",
        columns_of(FAMILY_CONTRIBUTION),
        parents=("review",),
    ),
    Sheet(
        "Learning points",
        "learning_points",
        columns_of(LEARNING_POINT, after={"text": (col("themes", LIST),)}),
        parents=("review",),
    ),
    Sheet(
        "Documents",
        "documents",
        columns_of(DOCUMENT),
        parents=("review",),
    ),
    Sheet(
        "Recommendations",
        "recommendations",
        columns_of(RECOMMENDATION),
        parents=("review",),
    ),
    Sheet(
        "Actions",
        "actions",
        columns_of(ACTION),
        parents=("review", "recommendation"),
        hint="recommendation is the recommendation's number in its review.",
    ),
    Sheet(
        "Progress updates",
        "updates",
        columns_of(PROGRESS_UPDATE),
        parents=("review", "recommendation", "action"),
        hint="action is the action's place under its recommendation: 1 for its first.",
    ),
    Sheet(
        "Learning events",
        "learning_events",
        (
            col("id"),
            *columns_of(
                LEARNING_EVENT,
                after={"title": (col("themes", LIST), col("reviews", LIST))},
            ),
        ),
    ),
    Sheet(
        "Event attendance",
        "attendance_by_agency",
        (col("agency"), col("attended", NUMBER)),
        parents=("event",),
    ),
    Sheet("Glossary", "glossary", columns_of(GLOSSARY_TERM)),
)
PARTNERSHIP = Sheet(
    "Partnership",
    "partnership",
    columns_of(PARTNERSHIP_RECORD),
    hint="One row: the partnership these records belong to.",
)
ALL_SHEETS = (PARTNERSHIP, *SHEETS)
BY_NAME = {sheet.name: sheet for sheet in ALL_SHEETS}
SHEET_ORDER = {sheet.name: index for index, sheet in enumerate(ALL_SHEETS)}
MAX_COLUMNS = 2 * max(len(sheet.parents) + len(sheet.columns) for sheet in ALL_SHEETS)


# Writing


def workbook_of(document: dict[str, Any] | None) -> bytes:
    """The template, filled with the document's records (empty without one).

    Written row by row (openpyxl's write-only mode), so a large export stays small in memory.
    """
    book = Workbook(write_only=True)
    _write_readme(book.create_sheet(README))
    ranges = _write_allowed(book.create_sheet(ALLOWED))
    rows = _rows_of(document) if document else {}
    for sheet in ALL_SHEETS:
        ws = book.create_sheet(sheet.name)
        headers = [*sheet.parents, *(column.header for column in sheet.columns)]
        kinds = [TEXT] * len(sheet.parents) + [column.kind for column in sheet.columns]
        for index, header in enumerate(headers, start=1):
            width = max(12, min(40, len(header) + 4))
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        _add_choices(ws, sheet, ranges, len(rows.get(sheet.name, [])) + TEXT_ROWS + 1)
        ws.append([_text_cell(ws, header, bold=True) for header in headers])
        for values in rows.get(sheet.name, []):
            ws.append([_text_cell(ws, value) for value in values])
        # Empty date cells formatted as text, so that Excel keeps "Mar 2021" as typed rather
        # than making it 1 March 2021 (a full date typed there is read as written).
        if DATE in kinds:
            for _ in range(TEXT_ROWS):
                ws.append([_text_cell(ws, None) if kind == DATE else None for kind in kinds])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_cell(ws: Any, value: Any, *, bold: bool = False) -> Cell:
    """Text as text; a date as a real date, shown as the UK writes it."""
    if isinstance(value, dt.date):
        return cell(ws, value, bold=bold, number_format=DATE_FORMAT)
    return cell(ws, value, bold=bold, number_format="@")


def _write_readme(ws: Any) -> None:
    lines = [
        f"Case review exchange format, version {VERSION}: the spreadsheet template",
        "One sheet per kind of record; one row per record; keep the first row's headings.",
        "Dates: a date (03/02/2016), or March 2016 / 2016 where only the month or year is "
        "known; leave the cell empty (or type ?, TBC or N/A) where it is not known.",
        "Lists (children, themes, reviews): ids separated by commas.",
        "Codes: the values on the 'Allowed values' sheet, exactly as written there.",
        "Children: never a real name, only the pseudonym of the published review.",
        "",
    ]
    lines += [f"{sheet.name}: {sheet.hint}" for sheet in ALL_SHEETS if sheet.hint]
    ws.column_dimensions["A"].width = 110
    for number, text in enumerate(lines):
        ws.append([_text_cell(ws, text, bold=number == 0)])


def _write_allowed(ws: Any) -> dict[str, str]:
    """One column per list of codes; returns the range each list of codes is drawn from."""
    lists: dict[tuple[str, ...], str] = {(YES, NO): "yes_no"}
    for sheet in ALL_SHEETS:
        for column in sheet.columns:
            if column.kind in (CODE, CODES) and column.codes not in lists:
                lists[column.codes] = f"{sheet.name.lower()} {column.header}"
    ranges: dict[str, str] = {}
    columns = list(lists.items())
    for index, (codes, title) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(14, len(title) + 2)
        ranges[",".join(codes)] = f"'{ALLOWED}'!${letter}$2:${letter}${len(codes) + 1}"
    ws.append([_text_cell(ws, title, bold=True) for _, title in columns])
    for row in range(max(len(codes) for codes in lists)):
        ws.append([cell(ws, codes[row]) if row < len(codes) else None for codes, _ in columns])
    return ranges


def _add_choices(ws: Any, sheet: Sheet, ranges: dict[str, str], last_row: int) -> None:
    offset = len(sheet.parents)
    for index, column in enumerate(sheet.columns, start=offset + 1):
        codes = column.codes if column.kind == CODE else (YES, NO) if column.kind == YES_NO else ()
        if not codes:
            continue
        letter = get_column_letter(index)
        check = DataValidation(type="list", formula1=ranges[",".join(codes)], allow_blank=True)
        check.error = f"Choose one of the values on the '{ALLOWED}' sheet"
        check.add(f"{letter}2:{letter}{max(last_row, 5000)}")
        ws.data_validations.append(check)


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == DATE:
        return _written_date(value)
    if kind in (LIST, CODES):
        return ", ".join(value)
    if kind == YES_NO:
        return YES if value else NO
    return value


def _written_date(value: str) -> dt.date | str:
    """A full date as a date; one known to the month or year as people write it ("March
    2021", "2021"), which the reader takes back with its precision."""
    partial = PartialDate.parse(value)
    if partial.precision == DatePrecision.DAY:
        return partial.first_day
    return partial.display()


def _values(record: dict[str, Any], sheet: Sheet, parents: list[Any]) -> list[Any]:
    found = list(parents)
    for column in sheet.columns:
        value: Any = record
        for key in column.path:
            value = value.get(key) if isinstance(value, dict) else None
        found.append(_cell(value, column.kind))
    return found


def _rows_of(document: dict[str, Any]) -> dict[str, list[list[Any]]]:
    rows: dict[str, list[list[Any]]] = {sheet.name: [] for sheet in ALL_SHEETS}
    rows["Partnership"].append(_values(document["partnership"], PARTNERSHIP, []))
    for name in ("Agencies", "Children", "Referrals", "Reviews", "Learning events", "Glossary"):
        sheet = BY_NAME[name]
        rows[name] = [_values(item, sheet, []) for item in document[sheet.collection]]
    for review in document["reviews"]:
        for name in ("Parallel processes", "Family contribution", "Learning points", "Documents"):
            sheet = BY_NAME[name]
            rows[name] += [_values(i, sheet, [review["id"]]) for i in review[sheet.collection]]
        for rec in review["recommendations"]:
            rows["Recommendations"].append(_values(rec, BY_NAME["Recommendations"], [review["id"]]))
            for place, action in enumerate(rec["actions"], start=1):
                parents = [review["id"], rec["number"]]
                rows["Actions"].append(_values(action, BY_NAME["Actions"], parents))
                for update in action["updates"]:
                    values = _values(update, BY_NAME["Progress updates"], [*parents, place])
                    rows["Progress updates"].append(values)
    for event in document["learning_events"]:
        for agency, count in event["attendance_by_agency"].items():
            rows["Event attendance"].append([event["id"], agency, count])
    return rows


# Reading


class Locations:
    """Where in the workbook each record of the document it became was read from.

    One entry a record (its sheet and row), and the column letter of each heading of a
    sheet, rather than one a cell: a large workbook's locations stay small.
    """

    def __init__(self) -> None:
        self.records: dict[tuple[Part, ...], tuple[Sheet, int, str | None]] = {}
        self.letters: dict[str, dict[str, str]] = {}

    def add(
        self, parts: tuple[Part, ...], sheet: Sheet, row: int, column: str | None = None
    ) -> None:
        """The record at `parts` is `row` of `sheet`; `column` is where its own value is."""
        self.records[parts] = (sheet, row, column)

    def place(self, sheet: Sheet, row: int, heading: str | None) -> Place:
        letter = self.letters.get(sheet.name, {}).get(heading) if heading else None
        return Place(sheet.name, row, heading if letter else None, letter)

    def cell_of(self, parts: tuple[Part, ...]) -> Place | None:
        """The cell a value of the document was read from (its row, when not one cell)."""
        for cut in range(len(parts), 0, -1):
            if (found := self.records.get(parts[:cut])) is not None:
                sheet, row, column = found
                rest = parts[cut:]
                heading = next(
                    (c.header for c in sheet.columns if rest[: len(c.path)] == c.path), None
                )
                return self.place(sheet, row, heading if rest else column)
        return None

    def locate(self, problem: Problem) -> Problem:
        if problem.cell is not None or problem.where is not None:
            return problem  # found in the workbook itself, or in the whole file
        place = self.cell_of(problem.parts)
        if place is None:
            return Problem(problem.parts, problem.message, where="the workbook")
        other = self.cell_of(problem.other) if problem.other else None
        return problem.in_cell(place, other.row if other else None)

    def rejected(self, rejected: DocumentRejected) -> DocumentRejected:
        return DocumentRejected([self.locate(p) for p in rejected.problems], rejected.total)


class _TooManyRows(Exception):
    pass


def document_of(data: bytes) -> tuple[dict[str, Any], Locations]:
    """The document a filled workbook holds, and where each of its values came from.

    Read row by row (openpyxl's read-only mode); DocumentRejected when the workbook has more
    rows than the import reads (limits.MAX_ROWS), and, its problems named by sheet, row and
    column, when the workbook itself cannot be read as the template (a missing sheet or
    heading, a row naming a review that is not on the Reviews sheet); the document's own
    problems are found by the usual checks.
    """
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as wrong:  # openpyxl raises many kinds for a file that is not a workbook
        message = (
            f"The file cannot be opened as an Excel workbook ({wrong}): open it in Excel, "
            "save it as an Excel Workbook (.xlsx), and upload the saved copy"
        )
        raise DocumentRejected([Problem((), message, where="the file")]) from None
    reader = _Reader(book)
    try:
        document = reader.read()
    except _TooManyRows:
        raise DocumentRejected([Problem((), limits.rows_problem(), where="the file")]) from None
    finally:
        book.close()
    reader.missing_sheets()
    if reader.problems:
        ordered = in_order(reader.problems)
        raise DocumentRejected(ordered[:MAX_PROBLEMS], total=len(ordered))
    return document, reader.locations


Row = tuple[int, dict[str, Any]]  # a filled row: its number, and its values by heading


class _Reader:
    def __init__(self, book: Any) -> None:
        self.book = book
        self.problems: list[Problem] = []
        self.locations = Locations()
        self.rows_read = 0
        self.missing: list[str] = []

    def problem(
        self, place: Place, message: str, *, what: What | None = None, value: Any = None
    ) -> None:
        """A problem of the workbook itself, at `place`: with `what`, in its words and
        grouped with others of its kind in the column."""
        order = (SHEET_ORDER.get(place.sheet, 0), place.row or 0, place.letter or "")
        problem = Problem(("~", *order), message, where=str(place), cell=place)
        if what is not None:
            shown = quoted(value) if value not in (None, "") else None
            problem = Problem(problem.parts, message, what=what, value=shown).in_cell(place)
        self.problems.append(problem)

    def missing_sheets(self) -> None:
        """One problem for all the sheets missing: a workbook that is not the template lacks
        most of them."""
        if not self.missing:
            return
        names = ", ".join(repr(name) for name in self.missing)
        count = len(self.missing)
        sheets = "sheet of the template is" if count == 1 else f"{count} sheets of the template are"
        self.problems.append(
            Problem(
                ("~",),
                f"The {sheets} missing: {names}. Download the spreadsheet template from the "
                "import page and copy the records into it, keeping its sheets and the "
                "headings in their first rows",
                where="the workbook",
            )
        )

    def cell(self, sheet: Sheet, row: int, heading: str) -> Place:
        return self.locations.place(sheet, row, heading)

    def rows(self, sheet: Sheet) -> Iterator[Row]:
        """Each filled row, as the sheet is read."""
        if sheet.name not in self.book.sheetnames:
            if sheet.name not in self.missing:
                self.missing.append(sheet.name)
            return
        expected = [*sheet.parents, *(column.header for column in sheet.columns)]
        headings: list[str] = []
        # Columns beyond the widest sheet's are not read: a sheet claiming 16,384 of them
        # would otherwise give every row as many empty cells.
        values_by_row = self.book[sheet.name].iter_rows(values_only=True, max_col=MAX_COLUMNS)
        for number, values in enumerate(values_by_row, 1):
            self.rows_read += 1
            if self.rows_read > limits.MAX_ROWS:
                raise _TooManyRows
            if number == 1:
                headings = [str(v).strip() if v is not None else "" for v in values]
                if not self.check_headings(sheet, headings, expected):
                    return
                self.locations.letters[sheet.name] = {
                    h: get_column_letter(i) for i, h in enumerate(headings, start=1) if h
                }
                continue
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield number, dict(zip(headings, values, strict=False))

    def check_headings(self, sheet: Sheet, headings: list[str], expected: list[str]) -> bool:
        while headings and not headings[-1]:
            headings.pop()
        for index, heading in enumerate(headings, start=1):
            if heading not in expected:
                self.problem(
                    Place(sheet.name, 1, heading, get_column_letter(index)),
                    f"The heading {heading!r} is not one of the template's for this sheet: "
                    f"delete the column, or give it one of the headings {', '.join(expected)}",
                )
        optional = {c.header for c in sheet.columns if c.optional}
        missing = [h for h in expected if h not in headings and h not in optional]
        if missing:
            columns = "column is" if len(missing) == 1 else "columns are"
            self.problem(
                Place(sheet.name, 1),
                f"The {columns} missing: {', '.join(missing)}. Put the template's headings "
                "back in row 1 (an empty column is fine)",
            )
        twice = sorted({h for h in headings if h and headings.count(h) > 1})
        if twice:
            self.problem(
                Place(sheet.name, 1),
                f"Two columns have the heading {', '.join(repr(h) for h in twice)}: keep one "
                "column of each and delete the other",
            )
        return not missing and not twice

    def record(
        self, sheet: Sheet, number: int, row: dict[str, Any], parts: tuple[Part, ...]
    ) -> dict[str, Any]:
        record: dict[str, Any] = {}
        self.locations.add(parts, sheet, number)
        groups: dict[str, list[Column]] = {}
        headings = self.locations.letters.get(sheet.name, {})
        for column in sheet.columns:
            if column.optional and column.header not in headings:
                continue  # a column of version 2 the workbook has not: its key stays absent
            value = _read(row.get(column.header), column.kind)
            if len(column.path) == 1:
                record[column.header] = value
            else:
                groups.setdefault(column.path[0], []).append(column)
                record.setdefault(column.path[0], {})[column.path[1]] = value
        for key, columns in groups.items():
            if all(row.get(c.header) in (None, "") for c in columns):
                record[key] = None
        if (
            record.get("publication", {}) is None
            and record.get("status") == ReviewStatus.NOT_PUBLISHED
        ):
            # Not published, and nothing of the decision in the row: not known, as a version
            # 1 document says it (the export leaves such a review's publication out).
            del record["publication"]
        return record

    def read(self) -> dict[str, Any]:
        partnership: dict[str, Any] = {"code": None, "name": None, "nation": None}
        for index, (number, row) in enumerate(self.rows(PARTNERSHIP)):
            if index == 0:
                partnership = self.record(PARTNERSHIP, number, row, ("partnership",))
            else:
                self.problem(
                    self.cell(PARTNERSHIP, number, "code"),
                    "A workbook holds one partnership's records: delete this row, and keep "
                    "only the partnership's row under the headings",
                )
        document: dict[str, Any] = {
            "format": FORMAT,
            # A workbook of version 1's template, without the columns of version 2, leaves
            # their keys absent, so what is recorded of them stays.
            "version": VERSION,
            "partnership": partnership,
        }
        for name in ("Agencies", "Children", "Referrals", "Reviews", "Learning events", "Glossary"):
            sheet = BY_NAME[name]
            document[sheet.collection] = [
                self.record(sheet, number, row, (sheet.collection, index))
                for index, (number, row) in enumerate(self.rows(sheet))
            ]
        self.attach_review_parts(document)
        self.attach_attendance(document)
        return document

    def attach_review_parts(self, document: dict[str, Any]) -> None:
        reviews = {r["id"]: (index, r) for index, r in enumerate(document["reviews"])}
        for review in document["reviews"]:
            for name in ("parallel_processes", "family_contribution", "learning_points"):
                review[name] = []
            review["documents"], review["recommendations"] = [], []
        for name in (
            "Parallel processes",
            "Family contribution",
            "Learning points",
            "Documents",
            "Recommendations",
        ):
            sheet = BY_NAME[name]
            for number, row in self.rows(sheet):
                found = self.parent(reviews, sheet, number, row, "review", "Reviews")
                if found is None:
                    continue
                index, review = found
                items = review[sheet.collection]
                parts: tuple[Part, ...] = ("reviews", index, sheet.collection, len(items))
                item = self.record(sheet, number, row, parts)
                if name == "Recommendations":
                    item["actions"] = []
                items.append(item)
        actions_sheet = BY_NAME["Actions"]
        for number, row in self.rows(actions_sheet):
            found = self.recommendation(reviews, actions_sheet, number, row)
            if found is not None:
                parts, recommendation = found
                actions = recommendation["actions"]
                item = self.record(actions_sheet, number, row, (*parts, "actions", len(actions)))
                item["updates"] = []
                actions.append(item)
        updates_sheet = BY_NAME["Progress updates"]
        for number, row in self.rows(updates_sheet):
            found = self.recommendation(reviews, updates_sheet, number, row)
            if found is None:
                continue
            parts, recommendation = found
            place = _read(row.get("action"), NUMBER)
            actions = recommendation["actions"]
            if not isinstance(place, int) or not 1 <= place <= len(actions):
                self.problem(
                    self.cell(updates_sheet, number, "action"),
                    "",
                    what=What(
                        "is not an action of that recommendation on the Actions sheet",
                        "are not actions of their recommendation on the Actions sheet",
                        "",
                        f"type the action's place under its recommendation: 1 for its first"
                        f"{'' if len(actions) < 2 else f', up to {len(actions)}'}",
                    ),
                    value=row.get("action"),
                )
                continue
            updates = actions[place - 1]["updates"]
            where = (*parts, "actions", place - 1, "updates", len(updates))
            updates.append(self.record(updates_sheet, number, row, where))

    def parent(
        self,
        found: dict[str, Any],
        sheet: Sheet,
        number: int,
        row: dict[str, Any],
        key: str,
        parent_sheet: str,
    ) -> Any:
        value = _read(row.get(key), TEXT)
        if value not in found:
            self.problem(
                self.cell(sheet, number, key),
                "",
                what=What(
                    f"is not an id on the {parent_sheet} sheet",
                    f"are not ids on the {parent_sheet} sheet",
                    "",
                    f"use an id from column A of the {parent_sheet} sheet",
                ),
                value=value,
            )
            return None
        return found[value]

    def recommendation(
        self, reviews: dict[str, Any], sheet: Sheet, number: int, row: dict[str, Any]
    ) -> tuple[tuple[Part, ...], dict[str, Any]] | None:
        found = self.parent(reviews, sheet, number, row, "review", "Reviews")
        if found is None:
            return None
        index, review = found
        wanted = _read(row.get("recommendation"), NUMBER)
        for place, recommendation in enumerate(review["recommendations"]):
            if recommendation["number"] == wanted:
                return ("reviews", index, "recommendations", place), recommendation
        numbers = ", ".join(str(r["number"]) for r in review["recommendations"])
        self.problem(
            self.cell(sheet, number, "recommendation"),
            f"Review {review['id']!r} has no recommendation {row.get('recommendation')!r} on "
            f"the Recommendations sheet: use one of its numbers ({numbers or 'it has none yet'})",
        )
        return None

    def attach_attendance(self, document: dict[str, Any]) -> None:
        events = {e["id"]: (index, e) for index, e in enumerate(document["learning_events"])}
        for event in document["learning_events"]:
            event["attendance_by_agency"] = {}
        sheet = BY_NAME["Event attendance"]
        for number, row in self.rows(sheet):
            found = self.parent(events, sheet, number, row, "event", "Learning events")
            if found is None:
                continue
            index, event = found
            agency = _read(row.get("agency"), TEXT)
            parts = ("learning_events", index, "attendance_by_agency", agency)
            if agency in event["attendance_by_agency"]:
                self.problem(
                    self.cell(sheet, number, "agency"),
                    f"Agency {agency!r} is counted twice for this event: keep one row for each "
                    "agency at an event, with everyone it sent",
                )
            event["attendance_by_agency"][agency] = _read(row.get("attended"), NUMBER)
            self.locations.add(parts, sheet, number, "attended")


def _date_as_written(text: str) -> str | None:
    """A date typed as people in the UK write it (03/02/2019, Mar 2021, TBC) in the format's
    form; text that is not a date is left for the checks to name where it is."""
    try:
        found = read_date(text)
    except NotADate:
        return text
    return found.iso() if found else None


def _read(value: Any, kind: str) -> Any:
    """A cell's value as the document holds it; anything odd is left for the checks to name.

    Text is as typed: Excel's escapes of characters XML cannot hold (`_x0001_`) are undone,
    so that the checks name a control character where it is, and line breaks are newlines.
    """
    if isinstance(value, str):
        if "_x" in value:
            value = unescape(value)
        value = normalise_line_breaks(value).strip()
    if value in (None, ""):
        return {TEXT: "", LIST: [], CODES: []}.get(kind)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    if kind == DATE and isinstance(value, str):
        return _date_as_written(value)
    if kind == NUMBER and isinstance(value, str) and value.isdigit():
        return int(value)
    if kind == YES_NO and isinstance(value, str):
        return {"yes": True, "no": False, "true": True, "false": False}.get(value.lower(), value)
    if kind in (LIST, CODES):
        text = str(value).replace(";", ",").replace("\n", ",")
        return [part.strip() for part in text.split(",") if part.strip()]
    if kind in (TEXT, OPTIONAL_TEXT, CODE) and not isinstance(value, str):
        return str(value)
    return value
