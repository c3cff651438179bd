"""What is wrong with a document, and where, in words a business manager reads.

A problem is found at a place in the document (its JSON path, `$.reviews[3].recommendations[0]
.lead_agency`); in a workbook it is then named by its sheet, column and row as Excel shows
them. Problems of the same kind in the same column are shown as one ("received (column C):
2 cells are not dates (rows 7 and 12: '31/02/2019', 'soon'): type …"), each sheet's together,
all at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

# Problems kept of a document with very many: enough to name every kind and column, not so
# many that a 200,000-row workbook of blank cells holds a problem for each.
MAX_PROBLEMS = 10_000
LISTED = 10  # rows or places listed in a group before "and N more"
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INDEX = re.compile(r"\[\d+\]")

Part = str | int


def path_of(parts: Iterable[Part]) -> str:
    """The JSON path of a place in a document, as the format's errors name it."""
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            path += f".{part}"
        else:
            path += '["' + part.replace("\\", "\\\\").replace('"', '\\"') + '"]'
    return path


@dataclass(frozen=True)
class Cell:
    """A place in a workbook as Excel shows it: its sheet, row, and column (heading and letter)."""

    sheet: str
    row: int | None = None
    column: str | None = None  # the column's heading, as the sheet has it
    letter: str | None = None

    def column_words(self) -> str:
        """ "column C (received)", or "" when the place is not in one column."""
        if self.letter and self.column:
            return f"column {self.letter} ({self.column})"
        return f"column {self.letter}" if self.letter else ""

    def __str__(self) -> str:
        found = [f"{self.sheet} sheet"]
        if self.row is not None:
            found.append(f"row {self.row}")
        if words := self.column_words():
            found.append(words)
        return ", ".join(found)


@dataclass(frozen=True)
class What:
    """A kind of problem, so that many of the same kind in a column are shown as one.

    `one` and `many` say what is wrong ("is not a date", "are not dates"); `expected` what a
    JSON document should hold there, `todo` what a person filling in a spreadsheet should do.
    """

    one: str
    many: str
    expected: str
    todo: str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (its path) and what is wrong.

    `what` and `value` (the value shown, quoted) let problems of one kind be grouped; `other`
    is the path of another record it concerns (the first with the same id), named by its row
    in a workbook.
    """

    parts: tuple[Part, ...]
    message: str
    where: str | None = None  # "the file", or the workbook cell's words
    cell: Cell | None = None
    what: What | None = None
    value: str | None = None
    other: tuple[Part, ...] | None = None
    other_row: int | None = None

    @property
    def path(self) -> str:
        return path_of(self.parts)

    @property
    def place(self) -> str:
        """Where a person finds it: the cell of a workbook, else the JSON path."""
        return self.where or self.path

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"

    def sort_key(self) -> tuple:
        return tuple(
            (0, part, "") if isinstance(part, int) else (1, 0, part) for part in self.parts
        )

    def in_cell(self, cell: Cell, other_row: int | None = None) -> Problem:
        """The problem named by its cell, in a spreadsheet's words."""
        message = self.message
        if self.what is not None:
            subject = f"{self.value}" if self.value is not None else "The cell"
            message = f"{subject} {self.what.one}: {self.what.todo}"
        if other_row is not None and self.what is not None and cell.row is not None:
            rows = f"rows {min(other_row, cell.row)} and {max(other_row, cell.row)}"
            message = f"{self.value} {self.what.one}, in {rows} of {cell.sheet}: {self.what.todo}"
        return replace(self, message=message, where=str(cell), cell=cell, other_row=other_row)


def quoted(value: object) -> str:
    """A value as a problem shows it: text in quotes, cut short when long; a number as it is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 40 else text[:37] + "..."
    text = " ".join(value.split())
    return repr(text if len(text) <= 40 else text[:37] + "...")


def listed(items: Sequence[str], *, last: str = " and ") -> str:
    """Rows "7 and 12", "4, 5 and 9", or the first LISTED and "and 3 more"; values (with
    `last` ", ") "'soon', 'later'"."""
    shown = list(items[:LISTED])
    more = len(items) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more} more"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + f"{last}{shown[-1]}"


@dataclass(frozen=True)
class Group:
    """Problems of one kind in one column of a sheet (or at one key of a JSON document's
    records), shown as one: where (a column, or a path), and what is wrong with how many."""

    where: str
    message: str
    count: int

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class Section:
    """The problems of one sheet (or of the file, or of one list of a JSON document)."""

    title: str
    groups: list[Group]

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def _section_of(problem: Problem) -> str:
    if problem.cell is not None:
        return f"{problem.cell.sheet} sheet"
    if problem.where is not None:
        return problem.where[0].upper() + problem.where[1:]
    return path_of(problem.parts[:1]) if problem.parts else "The document"


def _group_key(problem: Problem) -> tuple[str, str]:
    if problem.cell is not None:
        where = problem.cell.column_words() if problem.cell.row is not None else ""
    elif problem.where is not None:
        where = ""
    else:
        where = _INDEX.sub("[]", problem.path)
    kind = problem.what.many if problem.what is not None else problem.message
    return where, kind


def _group(where: str, problems: list[Problem]) -> Group:
    first = problems[0]
    if len(problems) == 1:
        if first.cell is not None:
            return Group(str(first.cell), first.message, 1)
        return Group(first.place, first.message, 1)
    if first.cell is not None:
        rows = listed([str(p.cell.row) for p in problems if p.cell])
        if first.what is None:
            return Group(where, f"{first.message} (rows {rows})", len(problems))
        values = [p.value for p in problems if p.value is not None]
        shown = f": {listed(values, last=', ')}" if values and len(values) == len(problems) else ""
        message = f"{len(problems)} cells {first.what.many} (rows {rows}{shown}): {first.what.todo}"
        return Group(where, message, len(problems))
    paths = listed([p.path for p in problems])
    if first.what is None:
        return Group(where, f"{first.message} (at {paths})", len(problems))
    message = f"{len(problems)} values {first.what.many} (at {paths}): {first.what.expected}"
    return Group(where, message, len(problems))


def sections_of(problems: Iterable[Problem]) -> list[Section]:
    """The problems grouped: each sheet's (or list's) together, in the order found, and in
    each the problems of one kind in one column as one group."""
    found: dict[str, dict[tuple[str, str], list[Problem]]] = {}
    for problem in problems:
        groups = found.setdefault(_section_of(problem), {})
        groups.setdefault(_group_key(problem), []).append(problem)
    return [
        Section(title, [_group(key[0], items) for key, items in groups.items()])
        for title, groups in found.items()
    ]


class DocumentRejected(Exception):
    """The document was not imported; `problems` says why (at most MAX_PROBLEMS of them),
    `sections()` the same grouped for a person to read."""

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(self.total)

    def __str__(self) -> str:
        return "\n".join(self.lines())

    @property
    def more(self) -> int:
        """How many problems were found beyond those listed."""
        return self.total - len(self.problems)

    def sections(self) -> list[Section]:
        return sections_of(self.problems)

    def lines(self) -> list[str]:
        """The problems as lines of text, a sheet's under its name (for a terminal)."""
        found: list[str] = []
        for section in self.sections():
            found.append(f"{section.title}:")
            found += [f"  {group}" for group in section.groups]
        if self.more:
            found.append(f"And {self.more:,} more problems, shown once these are corrected.")
        return found


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, from the top of the document to the bottom."""
    unique = {(problem.parts, problem.message): problem for problem in problems}
    return sorted(unique.values(), key=Problem.sort_key)


def reject_if_any(problems: Iterable[Problem]) -> None:
    ordered = in_order(problems)
    if ordered:
        raise DocumentRejected(ordered[:MAX_PROBLEMS], total=len(ordered))
