"""Invented trackers, as partnerships keep them in their own spreadsheets, for tests and
benchmarks of the import from any spreadsheet (issue 12).

`build_tracker(style, cases=, actions_per_case=, file_format=)` returns the file's bytes and a
file name. Each style differs from the others as real trackers do: headers, title rows (some
merged), sheet names and order, dates typed as text or real Excel dates, the words used for a
decision, a review type, an action's RAG rating. Everything is invented and deterministic:
the same arguments give the same cells. Pseudonyms are "Child A", "Child B"...

Styles:
- "council": the issue's example. Sheets "SCR tracker" and "Action plan", a merged title row
  and a blank row above the headers ("Case ref", "Child (pseudonym)", "Date referred"...),
  dates typed as text (03/02/2019, Mar 2021, ?, TBC, N/A, ongoing), RAG as G / Amber /
  Blue (complete).
- "board": sheets "Actions", "Cases" and "Notes" in that order, two plain title rows, other
  headers ("Reference", "Referral received", "Responsible agency"...), real Excel dates,
  action status as Not started / In progress / Complete.
- "cases_csv": the cases alone, as a CSV file saved by Excel in Windows-1252 with semicolons.
Any style written with file_format="csv" holds its cases alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Literal

from openpyxl import Workbook

FileFormat = Literal["xlsx", "csv"]
STYLES = ("council", "board", "cases_csv")

AGENCIES = ("Police", "Children's Social Care", "Health", "Education", "Ambulance Service")
REVIEWERS = ("R. Ashdown", "M. Fielding", "T. Okafor", "S. Lindqvist")
RATIONALES = (
    "Criteria met: the child died and abuse was suspected.",
    "Serious harm; concerns about how agencies worked together.",
    "",
    "Learning identified by the rapid review.",
)
RECOMMENDATIONS = (
    "Agencies share information about missed health appointments.",
    "Practitioners consider the lived experience of the child.",
    "Escalation procedures are understood across the partnership.",
    "Training on neglect includes the impact of parental substance use.",
)
ACTIONS = (
    "Deliver briefing to frontline staff",
    "Audit a sample of cases",
    "Revise the escalation policy",
    "Add the learning to induction training",
    "Report progress to the board",
)
UPDATES = ("Briefings booked for the spring.", "", "Audit under way; report due.", "")


@dataclass(frozen=True)
class Case:
    ref: str
    child: str
    referred: dt.date
    incident: dt.date | None
    referred_by: str
    harm: str  # "Died" or "Serious harm"
    decision: str  # "review", "no review", "alternative", "" (pending)
    decided: dt.date | None
    rationale: str
    review_type: str  # "SCR", "LCSPR", "CSPR" or ""
    reviewer: str
    status: str  # "Active", "Completed", "Published" or ""
    signed_off: dt.date | None
    published: dt.date | None
    actions: list[Action] = field(default_factory=list)


@dataclass(frozen=True)
class Action:
    number: int
    recommendation: str
    text: str
    agency: str
    due: dt.date | None
    state: str  # "green", "amber", "red", "done", "not started"
    completed: dt.date | None
    update: str


def pseudonym(index: int) -> str:
    """Child A ... Child Z, Child AA, Child AB ..."""
    letters = ""
    n = index
    while True:
        letters = chr(ord("A") + n % 26) + letters
        n = n // 26 - 1
        if n < 0:
            return f"Child {letters}"


def invented_cases(count: int, actions_per_case: int) -> list[Case]:
    """The same invented cases for every style: the styles differ in how they write them."""
    cases = []
    for i in range(count):
        year = 2016 + i % 7
        referred = dt.date(year, 1 + (i * 5) % 12, 1 + (i * 7) % 27)
        pending = i % 9 == 8
        no_review = i % 4 == 3 and not pending
        decided = None if pending else referred + dt.timedelta(days=20 + i % 30)
        decision = "" if pending else "no review" if no_review else "review"
        if decision == "review" and i % 10 == 5:
            decision = "alternative"
        has_review = decision in ("review", "alternative")
        review_type = ("SCR" if year < 2019 else ("LCSPR", "CSPR")[i % 2]) if has_review else ""
        stage = i % 3 if has_review else -1
        signed_off = decided + dt.timedelta(days=200) if decided and stage >= 1 else None
        published = signed_off + dt.timedelta(days=60) if signed_off and stage == 2 else None
        status = {0: "Active", 1: "Completed", 2: "Published"}.get(stage, "")
        case = Case(
            ref=f"SCR-{year % 100:02d}-{i + 1:03d}",
            child=pseudonym(i),
            referred=referred,
            incident=None if i % 5 == 4 else referred - dt.timedelta(days=10 + i % 40),
            referred_by=AGENCIES[i % len(AGENCIES)],
            harm="Died" if i % 2 == 0 else "Serious harm",
            decision=decision,
            decided=decided,
            rationale=RATIONALES[i % len(RATIONALES)] if decided else "",
            review_type=review_type,
            reviewer=REVIEWERS[i % len(REVIEWERS)] if has_review else "",
            status=status,
            signed_off=signed_off,
            published=published,
        )
        if has_review and decided:
            case.actions.extend(_actions(i, decided, actions_per_case))
        cases.append(case)
    return cases


def _actions(i: int, decided: dt.date, count: int) -> list[Action]:
    found = []
    for j in range(count):
        number = 1 + j // 2
        state = ("green", "amber", "done", "not started", "red")[(i + j) % 5]
        due = None if (i + j) % 6 == 5 else decided + dt.timedelta(days=300 + 30 * j)
        completed = decided + dt.timedelta(days=250 + j) if state == "done" else None
        found.append(
            Action(
                number=number,
                recommendation=RECOMMENDATIONS[(i + number) % len(RECOMMENDATIONS)],
                text=f"{ACTIONS[(i + j) % len(ACTIONS)]} ({j + 1})",
                agency=AGENCIES[(i + j + 1) % len(AGENCIES)],
                due=due,
                state=state,
                completed=completed,
                update=UPDATES[(i + j) % len(UPDATES)],
            )
        )
    return found


# How the council writes its tracker: dates as typed text, with words where not known.


def _council_date(value: dt.date | None, i: int) -> str:
    if value is None:
        return ("?", "TBC", "N/A", "")[i % 4]
    if i % 5 == 2:
        return value.strftime("%b %Y")  # Mar 2021
    return value.strftime("%d/%m/%Y")


COUNCIL_CASES = (
    "Case ref",
    "Child (pseudonym)",
    "Date referred",
    "Date of incident",
    "Referred by",
    "Died or seriously harmed",
    "Decision",
    "Decision date",
    "Rationale",
    "Review type",
    "Lead reviewer",
    "Status",
    "Signed off",
    "Published",
)
COUNCIL_ACTIONS = (
    "Case ref",
    "Rec no.",
    "Recommendation",
    "Action",
    "Lead agency",
    "Due date",
    "RAG",
    "Completed",
    "Update",
)
COUNCIL_DECISIONS = {"review": "Review", "no review": "No review", "alternative": "Alternative"}
COUNCIL_RAG = {
    "green": "G",
    "amber": "Amber",
    "red": "R",
    "done": "Blue (complete)",
    "not started": "Not started",
}


def _council_case_row(i: int, case: Case) -> list[object]:
    return [
        case.ref,
        case.child,
        _council_date(case.referred, i),
        _council_date(case.incident, i),
        case.referred_by,
        case.harm,
        COUNCIL_DECISIONS.get(case.decision, ""),
        _council_date(case.decided, i) if case.decided else "",
        case.rationale,
        case.review_type,
        case.reviewer,
        case.status,
        _council_date(case.signed_off, i) if case.signed_off else "",
        _council_date(case.published, i) if case.published else "",
    ]


def _council_action_row(i: int, case: Case, action: Action) -> list[object]:
    return [
        case.ref,
        action.number,
        action.recommendation,
        action.text,
        action.agency,
        _council_date(action.due, i) if action.due else ("TBC", "ongoing")[i % 2],
        COUNCIL_RAG[action.state],
        _council_date(action.completed, i) if action.completed else "",
        action.update,
    ]


# How the board writes its tracker: real dates, its own headers.

BOARD_CASES = (
    "Reference",
    "Child",
    "Referral received",
    "Incident date",
    "Referring agency",
    "Harm",
    "Outcome of decision",
    "Date of decision",
    "Reasons",
    "Type of review",
    "Reviewer",
    "Review status",
    "Date signed off by board",
    "Date published",
)
BOARD_ACTIONS = (
    "Reference",
    "Recommendation number",
    "Recommendation text",
    "Action to be taken",
    "Responsible agency",
    "Target date",
    "Progress",
    "Date completed",
    "Latest update",
)
BOARD_DECISIONS = {
    "review": "Commission review",
    "no review": "NFA",
    "alternative": "Alternative review",
}
BOARD_STATUS = {
    "green": "In progress",
    "amber": "In progress",
    "red": "In progress",
    "done": "Complete",
    "not started": "Not started",
}


def _board_case_row(case: Case) -> list[object]:
    return [
        case.ref,
        case.child,
        case.referred,
        case.incident,
        case.referred_by,
        "Death" if case.harm == "Died" else "Serious injury",
        BOARD_DECISIONS.get(case.decision, "Pending"),
        case.decided,
        case.rationale or None,
        case.review_type or None,
        case.reviewer or None,
        case.status or None,
        case.signed_off,
        case.published,
    ]


def _board_action_row(case: Case, action: Action) -> list[object]:
    return [
        case.ref,
        action.number,
        action.recommendation,
        action.text,
        action.agency,
        action.due,
        BOARD_STATUS[action.state],
        action.completed,
        action.update or None,
    ]


# Writing the files


def build_tracker(
    style: str = "council",
    *,
    cases: int = 6,
    actions_per_case: int = 2,
    file_format: FileFormat | None = None,
) -> tuple[bytes, str]:
    """An invented tracker in one of STYLES: the file's bytes and its name."""
    if style not in STYLES:
        raise ValueError(f"no tracker style {style!r}: choose one of {', '.join(STYLES)}")
    found = invented_cases(cases, actions_per_case)
    if style == "cases_csv":
        rows = [list[object](COUNCIL_CASES)] + [
            _council_case_row(i, c) for i, c in enumerate(found)
        ]
        return _csv(rows, delimiter=";", encoding="cp1252"), "cases.csv"
    if style == "council":
        case_rows = [_council_case_row(i, c) for i, c in enumerate(found)]
        action_rows = [_council_action_row(i, c, a) for i, c in enumerate(found) for a in c.actions]
        if file_format == "csv":
            return _csv([list[object](COUNCIL_CASES), *case_rows]), "scr-tracker.csv"
        return _council_workbook(case_rows, action_rows), "SCR tracker.xlsx"
    case_rows = [_board_case_row(c) for c in found]
    action_rows = [_board_action_row(c, a) for c in found for a in c.actions]
    if file_format == "csv":
        return _csv([list[object](BOARD_CASES), *case_rows]), "board-cases.csv"
    return _board_workbook(case_rows, action_rows), "Board tracker.xlsx"


def _council_workbook(case_rows: list[list[object]], action_rows: list[list[object]]) -> bytes:
    book = Workbook()
    cases = book.active
    cases.title = "SCR tracker"
    for ws, headers, rows, title in (
        (cases, COUNCIL_CASES, case_rows, "Safeguarding Children Partnership: SCR tracker"),
        (book.create_sheet("Action plan"), COUNCIL_ACTIONS, action_rows, "SCR action plan"),
    ):
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        ws.append([])
        ws.append(list(headers))
        for row in rows:
            ws.append(row)
    return _saved(book)


def _board_workbook(case_rows: list[list[object]], action_rows: list[list[object]]) -> bytes:
    book = Workbook()
    actions = book.active
    actions.title = "Actions"
    for ws, headers, rows in (
        (actions, BOARD_ACTIONS, action_rows),
        (book.create_sheet("Cases"), BOARD_CASES, case_rows),
    ):
        ws.append(["Case review tracker (invented)"])
        ws.append(["Kept by the business unit; updated monthly"])
        ws.append(list(headers))
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
    notes = book.create_sheet("Notes")
    notes.append(["RAG: Red overdue, Amber at risk, Green on track"])
    return _saved(book)


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows: list[list[object]], *, delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return text.getvalue().encode(encoding)
