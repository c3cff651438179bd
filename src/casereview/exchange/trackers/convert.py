"""A partnership's tracker, read with its mapping, as an exchange document.

The document is the partnership's current export with the tracker's records laid over it, so
importing it changes what the tracker says and nothing else: learning points, documents,
learning events, glossary, and every case and review the tracker does not name stay as they
are. Records are keyed by the tracker's own case reference, so importing the same tracker
again changes nothing, and importing it after a date was corrected updates that one referral.

Ids. A case reference `REF` is its referral's id and reference. Its child is `REF/child` and
the review it led to `REF/review`, unless the referral already has a child, or its decision
already names a review: then those are kept. An agency the mapping says to create
("new:Ambulance Service") gets an id made from its name ("ambulance-service"); once imported,
the next import finds it by its name.

An empty cell never erases what the service already records: it is "not known" for a new
record (null where the format allows, else a default below) and "as it is" for one already
recorded. A review named on an action sheet has the recommendations and actions the sheet
lists for it: a row removed from the sheet removes that action.

Problems are grouped by sheet, column and kind, with the rows as Excel numbers them, in the
manager's words, and all of them at once: the cells the mapping cannot read first; then, once
every cell reads, what the import's checks find, placed back at the tracker's rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.utils import timezone

from casereview.accounts.choices import AgencyKind
from casereview.accounts.models import Partnership
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.core.choices import Nation, YesNoUnknown
from casereview.core.ukdates import EXAMPLES, NotADate, read_date
from casereview.exchange.problems import MAX_PROBLEMS, Cell, DocumentRejected, Problem
from casereview.exchange.selectors import FORMAT, VERSION, export_document, theme_ids_for
from casereview.exchange.trackers.fields import (
    AGENCY,
    BY_KEY,
    CASE_KEY,
    CODE,
    DATE,
    FIELDS,
    INTEGER,
    REFERENCE,
    Holds,
    TrackerField,
)
from casereview.exchange.trackers.mapping import NEW_AGENCY, SheetMapping, TrackerMapping
from casereview.exchange.trackers.reading import Sheet, Workbook
from casereview.exchange.trackers.suggest import kind_named, normal
from casereview.exchange.validation import problems_of
from casereview.referrals.choices import AbuseOrNeglect, CscInvolvement, DecisionOutcome, Harm, Sex
from casereview.reviews.choices import ReviewStatus, ReviewType

# What a new record holds where the tracker says nothing and the format has no "not known".
NOT_RECORDED_AGENCY = "Agency not recorded"  # who referred a case, or owns an action
DEFAULT_HARM = Harm.OTHER
DEFAULT_REVIEW_TYPE = ReviewType.OTHER
DEFAULT_OPEN_ACTION = ActionStatus.IN_PROGRESS  # an action with no status and no completion date
DEFAULT_SCOPE = Scope.MULTI_AGENCY
DEFAULT_MONITORED_BY = MonitoringGroup.EXECUTIVE
NEW_PARTNERSHIP_NATION = Nation.ENGLAND  # a partnership the service does not have yet
REVIEW_OUTCOMES = (DecisionOutcome.REVIEW_COMMISSIONED, DecisionOutcome.ALTERNATIVE_REVIEW)


def new_child(child_id: str, pseudonym: str) -> dict[str, Any]:
    return {
        "id": child_id,
        "pseudonym": pseudonym,
        "sex": str(Sex.NOT_RECORDED),
        "age_years": None,
        "age_months": None,
        "ethnicity": None,
        "disability_or_sen": str(YesNoUnknown.UNKNOWN),
        "cp_plan_at_incident": str(YesNoUnknown.UNKNOWN),
        "looked_after_at_incident": str(YesNoUnknown.UNKNOWN),
        "csc_involvement": str(CscInvolvement.UNKNOWN),
    }


def new_referral(ref: str, child_id: str) -> dict[str, Any]:
    return {
        "id": ref,
        "reference": ref,
        "received": None,
        "referred_by": None,
        "aware": None,
        "incident_date": None,
        "children": [child_id],
        "harm": str(DEFAULT_HARM),
        "suspected_suicide": False,
        "death_in_custody": False,
        "abuse_or_neglect": str(AbuseOrNeglect.UNKNOWN),
        "interagency_concern": str(YesNoUnknown.UNKNOWN),
        "framework": None,
        "notified": None,
        "summary": "",
        "decision": None,
        "national_panel": None,
    }


def new_review(review_id: str, ref: str, title: str, child_id: str) -> dict[str, Any]:
    return {
        "id": review_id,
        "reference": ref,
        "title": title,
        "type": str(DEFAULT_REVIEW_TYPE),
        "methodology": None,
        "methodology_note": None,
        "framework": None,
        "children": [child_id],
        "lead_reviewer": None,
        "commissioned": None,
        "signed_off": None,
        "published": None,
        "status": None,
        "summary": "",
        "themes": [],
        "parallel_processes": [],
        "family_contribution": [],
        "learning_points": [],
        "recommendations": [],
        "documents": [],
    }


def new_recommendation(number: int) -> dict[str, Any]:
    return {
        "number": number,
        "text": f"Recommendation {number}",
        "scope": str(DEFAULT_SCOPE),
        "lead_agency": None,
        "monitored_by": str(DEFAULT_MONITORED_BY),
        "actions": [],
    }


def review_status(current: str | None, signed_off: Any, published: Any) -> str:
    """A review's status where the tracker gives none: as far as its dates go."""
    if published:
        return str(ReviewStatus.PUBLISHED)
    if signed_off and current in (None, ReviewStatus.ACTIVE, ReviewStatus.ON_HOLD):
        return str(ReviewStatus.COMPLETED)
    return current or str(ReviewStatus.ACTIVE)


def tracker_document(
    workbook: Workbook,
    mapping: TrackerMapping,
    partnership: Partnership | None,
    partnership_code: str,
    *,
    check: bool = True,
) -> dict[str, Any]:
    """The partnership's records with the tracker's laid over them, as an exchange document
    (version 1). DocumentRejected lists every problem, grouped, in the manager's words.

    The document is checked as an import checks it (`check=False` leaves that to the import,
    for a caller that plans it at once: `plan_tracker` does, placing what it finds at the
    tracker's rows)."""
    return _Converter(workbook, mapping, partnership, partnership_code).document(check=check)


class Unchecked(NamedTuple):
    """A tracker's document before the import's checks, and how to place what they find."""

    document: dict[str, Any]
    placed: Callable[[list[Problem], int], DocumentRejected]


def unchecked_document(
    workbook: Workbook,
    mapping: TrackerMapping,
    partnership: Partnership | None,
    partnership_code: str,
) -> Unchecked:
    """The tracker's document unchecked, for a caller that plans it at once (exchange.services
    .plan_tracker), so that it is checked once rather than twice; `placed` puts the plan's
    problems back at the tracker's rows."""
    converter = _Converter(workbook, mapping, partnership, partnership_code)
    return Unchecked(converter.document(check=False), converter.placed)


# Problems, grouped


@dataclass(frozen=True)
class Where:
    sheet: str
    header: str  # the column's header, or the field's label when no column holds it
    letter: str | None
    outside: str | None = None  # a place outside the tracker's sheets: "the mapping"

    @property
    def cell(self) -> Cell | None:
        if self.outside:
            return None
        return Cell(self.sheet, None, self.header if self.letter else None, self.letter)

    def __str__(self) -> str:
        """ "SCR tracker sheet, column C (Date referred)", as the import's problems say."""
        return self.outside or str(self.cell)


@dataclass
class Group:
    where: Where
    what: str  # "cells are not dates"
    todo: str
    cells: list[tuple[int, str]] = field(default_factory=list)  # (row, text as written)


def rows_in_words(rows: list[int]) -> str:
    """ "row 7", "rows 7 and 12", "rows 4, 5 and 9", "rows 4, 5, 6 ... and 30 more"."""
    rows = sorted(set(rows))
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) > 10:
        return f"rows {', '.join(map(str, rows[:8]))} and {len(rows) - 8} more"
    return f"rows {', '.join(map(str, rows[:-1]))} and {rows[-1]}"


class Problems:
    def __init__(self) -> None:
        self.groups: dict[tuple[Where, str], Group] = {}

    def add(self, where: Where, what: str, todo: str, row: int, text: str = "") -> None:
        group = self.groups.setdefault((where, what), Group(where, what, todo))
        group.cells.append((row, text))

    def whole(self, where: Where, message: str) -> None:
        """A problem of a whole sheet or column, with no rows."""
        self.groups.setdefault((where, message), Group(where, message, ""))

    def __bool__(self) -> bool:
        return bool(self.groups)

    def count(self) -> int:
        return sum(len(group.cells) + 1 for group in self.groups.values())

    def rejected(self) -> DocumentRejected:
        """Every problem, sheet by sheet, column by column from the left."""
        sheets = list(dict.fromkeys(where.sheet for where, _ in self.groups))
        ordered = sorted(
            self.groups.values(),
            key=lambda g: (
                sheets.index(g.where.sheet),
                bool(g.cells),
                len(g.where.letter or ""),
                g.where.letter or "~",
            ),
        )
        problems = [self._problem(group) for group in ordered]
        return DocumentRejected(problems[:MAX_PROBLEMS], total=len(problems))

    @staticmethod
    def _problem(group: Group) -> Problem:
        if not group.cells:
            return Problem(
                (group.where.sheet,), group.what, where=str(group.where), cell=group.where.cell
            )
        rows = [row for row, _ in group.cells]
        count = len(group.cells)
        texts = [text for _, text in group.cells if text]
        shown = ", ".join(repr(t) for t in list(dict.fromkeys(texts))[:5])
        detail = f"{rows_in_words(rows)}: {shown}" if shown else rows_in_words(rows)
        what = group.what.format(**_agreeing(count)) if "{n}" in group.what else group.what
        # The place names the column by its heading; a field no column holds is named here.
        named = "" if group.where.letter else f"{group.where.header}: "
        message = f"{named}{what} ({detail})"
        if group.todo:
            message += f": {group.todo}"
        return Problem(
            (group.where.sheet, group.where.header),
            message,
            where=str(group.where),
            cell=group.where.cell,
        )


def _agreeing(count: int) -> dict[str, Any]:
    """The words of a message that agree with its count: "1 cell is", "2 cells are"."""
    one = count == 1
    return {
        "n": count,
        "s": "" if one else "s",
        "a": "a " if one else "",
        "are": "is" if one else "are",
        "have": "has" if one else "have",
        "v": "s" if one else "",
    }


NOT_A_DATE = "{n} cell{s} {are} not {a}date{s}"
NOT_A_NUMBER = "{n} cell{s} {are} not {a}whole number{s}"
NO_CODE = "{n} cell{s} hold{v} a value the mapping gives no meaning"
EMPTY = "{n} row{s} {have} nothing in this column"


# Reading a sheet's rows with its mapping


@dataclass(frozen=True)
class Column:
    header: str
    index: int
    letter: str
    field: TrackerField


class Rows:
    """One mapped sheet: each row's cells read as its fields' values."""

    def __init__(self, sheet: Sheet, mapping: SheetMapping, converter: _Converter) -> None:
        self.sheet, self.mapping, self.converter = sheet, mapping, converter
        self.problems = converter.problems
        headers = sheet.headers(mapping.header_row)
        self.columns: dict[str, Column] = {}
        for header, key in mapping.columns.items():
            if not key:
                continue
            if header not in headers:
                self.problems.whole(
                    Where(sheet.name, header, None),
                    f"The mapping's column {header!r} is not in row {mapping.header_row} of sheet "
                    f"'{sheet.name}': choose the sheet's header row and its columns again",
                )
                continue
            index = headers.index(header)
            self.columns[key] = Column(header, index, Sheet.column_letter(index), BY_KEY[key])
        for required in FIELDS[mapping.holds]:
            if required.required and required.key not in self.columns:
                self.problems.whole(
                    Where(sheet.name, required.label, None),
                    f"Sheet '{sheet.name}' holds {mapping.holds} but no column is mapped to "
                    f"{required.label.lower()}: choose the column that holds it",
                )

    def where(self, key: str) -> Where:
        column = self.columns.get(key)
        if column is None:
            return Where(self.sheet.name, BY_KEY[key].label, None)
        return Where(self.sheet.name, column.header, column.letter)

    def rows(self) -> Iterator[tuple[int, dict[str, Any], bool]]:
        """Each row's number, its fields' values (None where empty or not known), and whether
        every cell could be read: a cell that cannot is a problem, and reads as None."""
        for number, cells in self.sheet.data_rows(self.mapping.header_row):
            before = self.problems.count()
            values = {}
            for key, column in self.columns.items():
                raw = cells[column.index] if column.index < len(cells) else None
                values[key] = self.read(key, column, number, raw)
            yield number, values, self.problems.count() == before

    def read(self, key: str, column: Column, row: int, raw: object) -> Any:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        text = " ".join(str(raw).split())
        kind = column.field.kind
        where = self.where(key)
        if kind == DATE:
            try:
                found = read_date(raw, today=self.converter.today)
            except NotADate:
                self.problems.add(where, NOT_A_DATE, f"write each date {EXAMPLES}", row, text)
                return None
            return found.iso() if found else None
        if kind == INTEGER:
            number = _whole_number(raw)
            if number is None:
                self.problems.add(where, NOT_A_NUMBER, "write the number alone, like 3", row, text)
            return number
        if kind in (CODE, AGENCY):
            values = self.mapping.values.get(key, {})
            if text not in values:
                self.problems.add(
                    where,
                    NO_CODE,
                    "choose what each means in the mapping's values",
                    row,
                    text,
                )
                return None
            code = values[text]
            if not code:
                return None
            return self.converter.agency(code, where, row, text) if kind == AGENCY else code
        if kind == REFERENCE:
            return text
        return str(raw).strip()


def _whole_number(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = str(raw).strip().rstrip(".")
    return int(text) if text.isdigit() else None


# The document


@dataclass
class Place:
    """Where in the tracker a record of the document came from."""

    rows: Rows
    row: int
    kind: str  # "referral", "decision", "child", "review", "recommendation", "action"


class _Converter:
    def __init__(
        self,
        workbook: Workbook,
        mapping: TrackerMapping,
        partnership: Partnership | None,
        partnership_code: str,
    ) -> None:
        self.workbook, self.mapping = workbook, mapping
        self.partnership, self.code = partnership, partnership_code
        self.today = timezone.localdate()
        self.problems = Problems()
        self.doc = self._base()
        self.places: dict[int, Place] = {}  # by id() of the document's item
        self.agencies = {item["id"]: item for item in self.doc["agencies"]}
        self.agency_names = {normal(item["name"]): item["id"] for item in self.doc["agencies"]}
        self.children = {item["id"]: item for item in self.doc["children"]}
        self.reviews = {item["id"]: item for item in self.doc["reviews"]}
        self.referrals = {item["id"]: item for item in self.doc["referrals"]}
        for item in self.doc["referrals"]:
            self.referrals.setdefault(item["reference"], item)
        self.case_rows: dict[str, int] = {}
        self.case_reviews: dict[str, dict[str, Any] | None] = {}
        self.unread_cases: set[str] = set()  # cases whose rows have cells that cannot be read

    def _base(self) -> dict[str, Any]:
        if self.partnership is not None and self.partnership.pk is not None:
            return export_document(self.partnership)
        return {
            "format": FORMAT,
            "version": VERSION,
            "partnership": {
                "code": self.code,
                "name": self.code,
                "nation": str(NEW_PARTNERSHIP_NATION),
            },
            "agencies": [],
            "children": [],
            "referrals": [],
            "reviews": [],
            "learning_events": [],
            "glossary": [],
        }

    def document(self, *, check: bool = True) -> dict[str, Any]:
        sheets = []
        for sheet_mapping in self.mapping.sheets:
            if sheet_mapping.holds == Holds.IGNORE:
                continue
            if not self.workbook.has(sheet_mapping.sheet):
                self.problems.whole(
                    Where(sheet_mapping.sheet, "", None),
                    f"The tracker has no sheet '{sheet_mapping.sheet}', which the mapping names: "
                    "upload the tracker the mapping was made for, or choose its sheets again",
                )
                continue
            sheet = self.workbook.sheet(sheet_mapping.sheet)
            sheets.append(Rows(sheet, sheet_mapping, self))
        if not sheets and not self.problems:
            raise DocumentRejected(
                [
                    Problem(
                        (),
                        "The mapping says no sheet holds cases or actions: choose what each "
                        "sheet holds",
                        where="the mapping",
                    )
                ]
            )
        if self.problems:
            raise self.problems.rejected()
        for rows in sheets:
            if rows.mapping.holds == Holds.CASES:
                self.cases(rows)
        for rows in sheets:
            if rows.mapping.holds == Holds.ACTIONS:
                self.actions(rows)
        if self.problems:
            raise self.problems.rejected()
        if check:
            self.check()
        return self.doc

    # Agencies

    def agency(self, code: str, where: Where, row: int, text: str) -> str | None:
        if code.startswith(NEW_AGENCY):
            return self.new_agency(code[len(NEW_AGENCY) :].strip() or text)
        if code in self.agencies:
            return code
        self.problems.add(
            where,
            "{n} cell{s} {are} mapped to an agency the partnership does not have",
            "choose one of the partnership's agencies, or a new one, in the mapping's values",
            row,
            text,
        )
        return None

    def new_agency(self, name: str) -> str:
        found = self.agency_names.get(normal(name))
        if found is not None:
            return found
        base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:90] or "agency"
        agency_id, n = base, 1
        while agency_id in self.agencies:
            n += 1
            agency_id = f"{base}-{n}"
        kind = kind_named(name) or str(AgencyKind.OTHER)
        item = {"id": agency_id, "name": name[:200], "kind": kind}
        self.doc["agencies"].append(item)
        self.agencies[agency_id] = item
        self.agency_names[normal(name)] = agency_id
        return agency_id

    # Cases

    def cases(self, rows: Rows) -> None:
        for number, values, readable in rows.rows():
            ref = values.get(CASE_KEY)
            if not readable:  # its problems are said; nothing more is said of its case
                if ref:
                    self.unread_cases.add(ref)
                continue
            if not ref:
                rows.problems.add(
                    rows.where(CASE_KEY),
                    EMPTY,
                    "give each case its reference, or delete rows that are not cases",
                    number,
                )
                continue
            if ref in self.case_rows:
                rows.problems.add(
                    rows.where(CASE_KEY),
                    "{n} case reference{s} {are} on more than one row",
                    f"keep one row for each case (the first is row {self.case_rows[ref]})",
                    number,
                    ref,
                )
                continue
            self.case_rows[ref] = number
            self.case(rows, number, ref, values)

    def case(self, rows: Rows, number: int, ref: str, values: dict[str, Any]) -> None:
        referral = self.referrals.get(ref)
        new = referral is None
        if referral is None:
            referral = new_referral(ref, self.unique_id(self.children, f"{ref}/child"))
            self.doc["referrals"].append(referral)
            self.referrals[ref] = referral
        self.places[id(referral)] = Place(rows, number, "referral")
        child = self.child(rows, number, ref, referral, values)
        for key in ("received", "incident_date", "aware", "notified", "harm", "summary"):
            _put(referral, key, values.get(f"referral.{key}"))
        _put(referral, "abuse_or_neglect", values.get("referral.abuse_or_neglect"))
        _put(referral, "referred_by", values.get("referral.referred_by"))
        if referral["referred_by"] is None:
            referral["referred_by"] = self.new_agency(NOT_RECORDED_AGENCY)
        if new and referral["received"] is None:
            rows.problems.add(
                rows.where("referral.received"),
                EMPTY,
                "give the date each case was referred (a month or a year will do)",
                number,
            )
        decision = self.decision(rows, number, referral, values)
        review = self.review(rows, number, ref, referral, child, decision, values)
        self.case_reviews[ref] = review
        if decision is not None and review is not None:
            decision["review"] = review["id"]

    def child(
        self, rows: Rows, number: int, ref: str, referral: dict[str, Any], values: dict[str, Any]
    ) -> dict[str, Any]:
        child_id = referral["children"][0] if referral["children"] else f"{ref}/child"
        child = self.children.get(child_id)
        if child is None:
            child = new_child(child_id, values.get("child.pseudonym") or f"Child of case {ref}")
            self.doc["children"].append(child)
            self.children[child_id] = child
            referral["children"] = [child_id]
        self.places[id(child)] = Place(rows, number, "child")
        for key in ("pseudonym", "sex", "age_years", "ethnicity"):
            _put(child, key, values.get(f"child.{key}"))
        return child

    def decision(
        self, rows: Rows, number: int, referral: dict[str, Any], values: dict[str, Any]
    ) -> dict[str, Any] | None:
        before = referral["decision"]
        outcome = values.get("decision.outcome") or (before or {}).get("outcome")
        date = values.get("decision.date") or (before or {}).get("date")
        if outcome is None and values.get("review.type") and date:
            outcome = str(DecisionOutcome.REVIEW_COMMISSIONED)
        if outcome is None:
            if values.get("decision.date"):
                rows.problems.add(
                    rows.where("decision.outcome"),
                    "{n} row{s} {have} a decision date but no decision",
                    "say what was decided, or clear the decision date",
                    number,
                )
            return None
        if date is None:
            rows.problems.add(
                rows.where("decision.date"),
                "{n} row{s} {have} a decision but no decision date",
                "give the date of each decision (a month or a year will do)",
                number,
            )
        decision = dict(before) if before else {"review": None, "rationale": None}
        decision.update(outcome=str(outcome), date=date)
        _put(decision, "rationale", values.get("decision.rationale"))
        if outcome not in REVIEW_OUTCOMES:
            decision["review"] = None
        referral["decision"] = decision
        self.places[id(decision)] = Place(rows, number, "decision")
        return decision

    def review(
        self,
        rows: Rows,
        number: int,
        ref: str,
        referral: dict[str, Any],
        child: dict[str, Any],
        decision: dict[str, Any] | None,
        values: dict[str, Any],
    ) -> dict[str, Any] | None:
        outcome = decision["outcome"] if decision else None
        wanted = outcome in REVIEW_OUTCOMES or (outcome is None and values.get("review.type"))
        if not wanted:
            return None
        review_id = (decision or {}).get("review") or f"{ref}/review"
        review = self.reviews.get(review_id)
        if review is None:
            title = values.get("review.title") or child["pseudonym"]
            review = new_review(review_id, ref, title, child["id"])
            self.doc["reviews"].append(review)
            self.reviews[review_id] = review
        self.places[id(review)] = Place(rows, number, "review")
        for key in ("type", "title", "methodology", "lead_reviewer", "commissioned"):
            _put(review, key, values.get(f"review.{key}"))
        for key in ("signed_off", "published"):
            _put(review, key, values.get(f"review.{key}"))
        if review["commissioned"] is None:
            review["commissioned"] = decision["date"] if decision else None
        if review["commissioned"] is None:
            rows.problems.add(
                rows.where("review.commissioned"),
                "{n} row{s} {have} a review but no date it was commissioned or decided",
                "give the decision date, or the date the review was commissioned",
                number,
            )
        status = values.get("review.status")
        review["status"] = status or review_status(
            review["status"], review["signed_off"], review["published"]
        )
        return review

    # Actions

    def actions(self, rows: Rows) -> None:
        plans: dict[str, dict[int, list[tuple[int, dict[str, Any]]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for number, values, readable in rows.rows():
            ref = values.get(CASE_KEY)
            rec = values.get("recommendation.number")
            if not readable or ref in self.unread_cases:
                continue
            if not ref or rec is None or not values.get("action.text"):
                for key in (CASE_KEY, "recommendation.number", "action.text"):
                    if values.get(key) in (None, ""):
                        rows.problems.add(
                            rows.where(key),
                            EMPTY,
                            f"give each action its {BY_KEY[key].label.lower()}, or delete rows "
                            "that are not actions",
                            number,
                        )
                continue
            review = self.review_of(rows, number, ref)
            if review is not None:
                plans[review["id"]][rec].append((number, values))
        if self.problems:
            return
        for review_id, recommendations in plans.items():
            self.action_plan(rows, self.reviews[review_id], recommendations)

    def review_of(self, rows: Rows, number: int, ref: str) -> dict[str, Any] | None:
        """The review of the case an action row names."""
        if ref in self.case_reviews:
            review = self.case_reviews[ref]
        elif (referral := self.referrals.get(ref)) is not None:
            decision = referral["decision"] or {}
            review = self.reviews.get(decision.get("review") or "")
        else:
            review = self.reviews.get(ref) or next(
                (item for item in self.doc["reviews"] if item["reference"] == ref), None
            )
            if review is None:
                rows.problems.add(
                    rows.where(CASE_KEY),
                    "{n} row{s} name{v} a case that is neither on the case sheet nor recorded",
                    "check each case reference against the case sheet",
                    number,
                    ref,
                )
                return None
        if review is None:
            rows.problems.add(
                rows.where(CASE_KEY),
                "{n} row{s} name{v} a case that led to no review",
                "check the case reference, or record the decision to review the case",
                number,
                ref,
            )
        return review

    def action_plan(
        self,
        rows: Rows,
        review: dict[str, Any],
        recommendations: dict[int, list[tuple[int, dict[str, Any]]]],
    ) -> None:
        before = {rec["number"]: rec for rec in review["recommendations"]}
        listed = []
        for number in sorted(recommendations):
            lines = recommendations[number]
            rec = dict(before.get(number) or new_recommendation(number))
            self.places[id(rec)] = Place(rows, lines[0][0], "recommendation")
            text = next(
                (v["recommendation.text"] for _, v in lines if v.get("recommendation.text")), None
            )
            _put(rec, "text", text)
            rec["actions"] = self.action_list(rows, rec["actions"], lines)
            listed.append(rec)
        review["recommendations"] = listed

    def action_list(
        self,
        rows: Rows,
        old: list[dict[str, Any]],
        lines: list[tuple[int, dict[str, Any]]],
    ) -> list[dict[str, Any]]:
        """The actions of one recommendation as the sheet lists them, each matched with the
        one recorded with the same text, else the one in the same place."""
        unused = list(range(len(old)))
        matched: list[int | None] = []
        for _, values in lines:
            same = next((i for i in unused if old[i]["text"] == values["action.text"]), None)
            if same is not None:
                unused.remove(same)
            matched.append(same)
        for place, found in enumerate(matched):
            if found is None and place in unused:
                unused.remove(place)
                matched[place] = place
        return [
            self.action(rows, number, values, old[found] if found is not None else None)
            for (number, values), found in zip(lines, matched, strict=True)
        ]

    def action(
        self, rows: Rows, number: int, values: dict[str, Any], before: dict[str, Any] | None
    ) -> dict[str, Any]:
        action = (
            dict(before)
            if before
            else {
                "text": "",
                "owner_agency": None,
                "due": None,
                "status": None,
                "completed": None,
                "updates": [],
            }
        )
        action["text"] = values["action.text"]
        for key in ("owner_agency", "due", "status", "completed"):
            _put(action, key, values.get(f"action.{key}"))
        if action["owner_agency"] is None:
            action["owner_agency"] = self.new_agency(NOT_RECORDED_AGENCY)
        if action["status"] is None:
            done = action["completed"] is not None
            action["status"] = str(ActionStatus.COMPLETED if done else DEFAULT_OPEN_ACTION)
        update = values.get("action.update")
        if update and update not in {u["text"] for u in action["updates"]}:
            action["updates"] = [*action["updates"], {"date": None, "text": update}]
        self.places[id(action)] = Place(rows, number, "action")
        return action

    # Checking the document, its problems placed at the tracker's rows

    def check(self) -> None:
        found = problems_of(
            self.doc,
            theme_codes=frozenset(theme_ids_for(self.partnership)),
            today=self.today,
            partnership_code=self.code,
        )
        if found:
            raise self.placed(found)

    def placed(self, found: list[Problem], more: int = 0) -> DocumentRejected:
        """The document's problems, placed at the tracker's rows and grouped."""
        located = self.located()
        for problem in found:
            self.place(problem, located)
        if more:
            self.problems.whole(
                Where("", "", None, outside="the tracker"),
                f"... and {more} more problems: correct those above, then import it again",
            )
        return self.problems.rejected()

    def located(self) -> dict[tuple[Any, ...], Place]:
        """The place of each item the tracker made, by its parts in the document."""
        found: dict[tuple[Any, ...], Place] = {}

        def add(parts: tuple[Any, ...], item: Any) -> None:
            if isinstance(item, dict) and id(item) in self.places:
                found[parts] = self.places[id(item)]

        for index, item in enumerate(self.doc["children"]):
            add(("children", index), item)
        for index, item in enumerate(self.doc["referrals"]):
            add(("referrals", index), item)
            add(("referrals", index, "decision"), item["decision"])
        for index, item in enumerate(self.doc["reviews"]):
            add(("reviews", index), item)
            for r, rec in enumerate(item["recommendations"]):
                add(("reviews", index, "recommendations", r), rec)
                for a, action in enumerate(rec["actions"]):
                    add(("reviews", index, "recommendations", r, "actions", a), action)
        return found

    def place(self, problem: Problem, located: dict[tuple[Any, ...], Place]) -> None:
        parts = problem.parts
        for cut in range(len(parts), 0, -1):
            place = located.get(parts[:cut])
            if place is None:
                continue
            after = parts[cut] if cut < len(parts) else ""
            key = after if isinstance(after, str) else ""
            field_key = f"{place.kind}.{key}"
            if field_key in BY_KEY:
                where = place.rows.where(field_key)
            else:
                where = Where(place.rows.sheet.name, key.replace("_", " ") or place.kind, None)
            self.problems.add(where, problem.message, "", place.row)
            return
        self.problems.whole(
            Where("", problem.path, None, outside="records already in the service"),
            f"A record the service already holds, at {problem.path}: {problem.message}",
        )

    @staticmethod
    def unique_id(existing: dict[str, Any], wanted: str) -> str:
        found, n = wanted, 1
        while found in existing:
            n += 1
            found = f"{wanted}-{n}"
        return found


def _put(item: dict[str, Any], key: str, value: Any) -> None:
    """The tracker's value, where it has one: an empty cell leaves the item as it is."""
    if value is not None and value != "":
        item[key] = value
