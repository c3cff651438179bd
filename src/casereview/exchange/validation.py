"""Whether a document keeps to the exchange format (spec/exchange-format.md).

Two passes, both run whatever the other finds, so a document's problems are all reported at
once: the JSON Schema (keys, types, enumerations, lengths) and the rules a schema cannot say
(ids unique and referred to, real dates in possible orders). The rules of the records are
the ones every form keeps (core/rules.py and each app's rules module), called here with the
document's facts, so an import and a form refuse the same things in the same words.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from casereview.actionplans import rules as action_rules
from casereview.actionplans.choices import ActionStatus
from casereview.core.controlchars import control_character_problem
from casereview.core.partialdates import ISO_PATTERN, PartialDate
from casereview.core.rules import Problem as RuleProblem
from casereview.exchange.problems import Part, Problem, in_order
from casereview.learning import rules as learning_rules
from casereview.referrals import rules
from casereview.reviews import rules as review_rules

SCHEMA_FILE = "casereview-exchange-v1.schema.json"
DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
PATTERN_WORDS = {
    DATE_PATTERN: "is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY",
    "^[A-Z0-9-]{2,16}$": "is not a partnership code: expected 2 to 16 characters of A-Z, 0-9 and -",
    "^[a-z][a-z0-9_]{1,49}$": (
        "is not a theme code: expected lower-case letters, digits and underscores, like neglect"
    ),
}
TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}
# When several schema errors fall on one place, the first of these explains it best.
PRIORITY = ("type", "const", "enum", "pattern", "required", "additionalProperties")


@cache
def schema_text() -> str:
    """The JSON Schema, as published at /exchange/schema/v1.json."""
    return resources.files("casereview.exchange").joinpath(f"schema/{SCHEMA_FILE}").read_text()


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text()))


def problems_of(
    document: Any, *, theme_codes: frozenset[str], today: dt.date, partnership_code: str | None
) -> list[Problem]:
    """Every problem of the document, in document order (empty when it can be imported)."""
    found = schema_problems(document)
    found += control_character_problems(document)
    if isinstance(document, dict):
        found += Checker(document, theme_codes=theme_codes, today=today).problems()
        partnership = document.get("partnership")
        code = partnership.get("code") if isinstance(partnership, dict) else None
        if partnership_code is not None and isinstance(code, str) and code != partnership_code:
            found.append(
                Problem(
                    ("partnership", "code"),
                    f"{code!r} is another partnership: expected {partnership_code!r}, "
                    "the partnership you are signed in to",
                )
            )
    return in_order(found)


# The schema


def schema_problems(document: Any) -> list[Problem]:
    best: dict[tuple[Part, ...], tuple[int, Problem]] = {}
    for error in _validator().iter_errors(document):
        rank = PRIORITY.index(error.validator) if error.validator in PRIORITY else len(PRIORITY)
        for problem in _explain(error):
            if problem.parts not in best or rank < best[problem.parts][0]:
                best[problem.parts] = (rank, problem)
    return [problem for _, problem in best.values()]


def _explain(error: SchemaError) -> list[Problem]:
    parts = tuple(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        return [
            Problem((*parts, key), f"unknown key {key!r}: expected only {', '.join(allowed)}")
            for key in value
            if key not in allowed
        ]
    if kind == "required":
        return [
            Problem((*parts, key), "missing: every key must be present, null or [] where unknown")
            for key in expected
            if key not in value
        ]
    return [Problem(parts, _words(kind, expected, value, error.schema))]


def _words(kind: str, expected: Any, value: Any, schema: dict[str, Any]) -> str:
    shown = json.dumps(value)[:60]
    if kind == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return f"expected {' or '.join(TYPE_WORDS[k] for k in kinds)}, got {shown}"
    if kind == "enum":
        values = [v for v in expected if v is not None]
        also = ", or null" if None in expected else ""
        return f"{shown} is not allowed: expected one of {', '.join(values)}{also}"
    if kind == "const":
        return f"expected {json.dumps(expected)}, got {shown}"
    if kind == "pattern":
        return f"{shown} {PATTERN_WORDS.get(expected, f'does not match {expected}')}"
    if kind == "minLength":
        return "must not be empty"
    if kind == "maxLength":
        return f"is {len(value)} characters long: expected at most {expected}"
    if kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        span = f"from {low} to {high}" if high is not None else f"of {low} or more"
        return f"expected a whole number {span}, got {shown}"
    if kind == "minItems":
        return f"expected at least {expected}, got none"
    return f"{shown} does not keep to the format ({kind})"


# Text


def control_character_problems(value: Any, parts: tuple[Part, ...] = ()) -> list[Problem]:
    """A problem for each text value (or key) holding a control character a form refuses."""
    found = []
    if isinstance(value, str):
        if (message := control_character_problem(value)) is not None:
            found.append(Problem(parts, message))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += control_character_problems(item, (*parts, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (message := control_character_problem(key)):
                found.append(
                    Problem((*parts, key), f"In the key: {message[0].lower()}{message[1:]}")
                )
            found += control_character_problems(item, (*parts, key))
    return found


# The rules a schema cannot say


def _read(item: dict[str, Any], dates: dict[str, PartialDate | None]) -> bool:
    """Whether every date the item gives was read: one that was not is reported as such, and
    not again as missing."""
    return all(dates[name] is not None or item.get(name) is None for name in dates)


def _count_or_none(value: Any) -> bool:
    """A whole number (not true or false, which Python counts as numbers) or null."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _listed(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


class Checker:
    """The document's cross-references, dates and statuses, checked against each other."""

    def __init__(self, document: dict[str, Any], *, theme_codes: frozenset[str], today: dt.date):
        self.document = document
        self.theme_codes = theme_codes
        self.today = today
        self.found: list[Problem] = []
        self.ids: dict[str, set[str]] = {}

    def problems(self) -> list[Problem]:
        for collection in ("agencies", "children", "referrals", "reviews", "learning_events"):
            self.ids[collection] = self.unique(collection, "id", "id")
        self.unique("agencies", "name", "agency name")
        self.unique("referrals", "reference", "reference")
        self.unique("glossary", "term", "term")
        for index, child in _listed(self.document.get("children")):
            self.check_child(("children", index), child)
        for index, referral in _listed(self.document.get("referrals")):
            self.check_referral(("referrals", index), referral)
        for index, review in _listed(self.document.get("reviews")):
            self.check_review(("reviews", index), review)
        for index, event in _listed(self.document.get("learning_events")):
            self.check_event(("learning_events", index), event)
        return self.found

    # Helpers

    def add(self, parts: tuple[Part, ...], message: str) -> None:
        self.found.append(Problem(parts, message))

    def unique(self, collection: str, key: str, noun: str) -> set[str]:
        first: dict[str, int] = {}
        for index, item in _listed(self.document.get(collection)):
            value = item.get(key)
            if not isinstance(value, str):
                continue
            if value in first:
                self.add(
                    (collection, index, key),
                    f"duplicate {noun} {value!r}: {collection}[{first[value]}] has it already; "
                    f"expected each {noun} once",
                )
            else:
                first[value] = index
        return set(first)

    def refers(self, parts: tuple[Part, ...], value: Any, collection: str, noun: str) -> None:
        if isinstance(value, str) and value not in self.ids[collection]:
            self.add(
                parts, f"no {noun} with id {value!r}: expected the id of one of $.{collection}"
            )

    def refers_all(self, parts: tuple[Part, ...], values: Any, collection: str, noun: str) -> None:
        if isinstance(values, list):
            seen: set[str] = set()
            for index, value in enumerate(values):
                self.refers((*parts, index), value, collection, noun)
                if not isinstance(value, str):
                    continue
                if value in seen:
                    self.add((*parts, index), f"{value!r} is listed twice: expected each once")
                seen.add(value)

    def themes(self, parts: tuple[Part, ...], codes: Any) -> None:
        if not isinstance(codes, list):
            return
        for index, code in enumerate(codes):
            if isinstance(code, str) and code not in self.theme_codes:
                self.add(
                    (*parts, index),
                    f"no theme with code {code!r}: expected a code of the national taxonomy "
                    "(themes.md) or one of the partnership's own themes",
                )

    def date(self, parts: tuple[Part, ...], value: Any) -> PartialDate | None:
        """The date at `parts`, or None (its shape is the schema's to report)."""
        if not isinstance(value, str) or not ISO_PATTERN.match(value) or value != value.strip():
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as wrong:
            self.add(parts, f"{wrong}: expected YYYY-MM-DD, YYYY-MM or YYYY")
            return None

    def dates(self, parts: tuple[Part, ...], item: dict[str, Any], *names: str) -> dict:
        return {name: self.date((*parts, name), item.get(name)) for name in names}

    def rule_problems(
        self,
        parts: tuple[Part, ...],
        problems: list[RuleProblem],
        where: dict[str, str] | None = None,
    ) -> None:
        where = where or {}
        for problem in problems:
            self.add((*parts, where.get(problem.field, problem.field)), problem.message)

    # Records

    def check_child(self, parts: tuple[Part, ...], child: dict[str, Any]) -> None:
        years, months = child.get("age_years"), child.get("age_months")
        if _count_or_none(years) and _count_or_none(months):
            self.rule_problems(parts, rules.child_age_problems(age_years=years, age_months=months))

    def check_referral(self, parts: tuple[Part, ...], referral: dict[str, Any]) -> None:
        self.refers((*parts, "referred_by"), referral.get("referred_by"), "agencies", "agency")
        self.refers_all((*parts, "children"), referral.get("children"), "children", "child")
        found = self.dates(parts, referral, "received", "aware", "incident_date", "notified")
        self.rule_problems(parts, rules.referral_date_problems(today=self.today, **found))
        decision = referral.get("decision")
        if isinstance(decision, dict):
            self.check_decision((*parts, "decision"), decision, found["received"])
        submission = referral.get("national_panel")
        if isinstance(submission, dict):
            self.check_submission((*parts, "national_panel"), submission, found["received"])

    def check_decision(
        self, parts: tuple[Part, ...], decision: dict[str, Any], received: PartialDate | None
    ) -> None:
        date = self.date((*parts, "date"), decision.get("date"))
        problems = rules.decision_date_problems(
            today=self.today, decision_date=date, received=received
        )
        self.rule_problems(parts, problems, {"decision_date": "date"})
        review = decision.get("review")
        self.refers((*parts, "review"), review, "reviews", "review")
        if isinstance(outcome := decision.get("outcome"), str):
            names_review = review is not None
            self.rule_problems(
                parts, rules.decision_review_problems(outcome=outcome, names_review=names_review)
            )

    def check_submission(
        self, parts: tuple[Part, ...], submission: dict[str, Any], received: PartialDate | None
    ) -> None:
        found = self.dates(parts, submission, "submitted", "response_date")
        problems = rules.submission_date_problems(today=self.today, received=received, **found)
        self.rule_problems(parts, problems)
        response, local_response = submission.get("response"), submission.get("local_response")
        if (
            isinstance(response, str)
            and isinstance(local_response, str | None)
            and _read(submission, found)
        ):
            problems = rules.panel_response_problems(
                response=response,
                response_date=found["response_date"],
                local_response=local_response,
            )
            self.rule_problems(parts, problems)

    def check_review(self, parts: tuple[Part, ...], review: dict[str, Any]) -> None:
        self.refers_all((*parts, "children"), review.get("children"), "children", "child")
        self.themes((*parts, "themes"), review.get("themes"))
        found = self.dates(parts, review, "commissioned", "signed_off", "published")
        status, processes = review.get("status"), review.get("parallel_processes")
        if isinstance(status, str) and isinstance(processes, list) and _read(review, found):
            problems = review_rules.review_state_problems(
                status=status, parallel_processes=len(processes), today=self.today, **found
            )
            self.rule_problems(parts, problems)
        for index, contribution in _listed(review.get("family_contribution")):
            where = (*parts, "family_contribution", index)
            date = self.date((*where, "date"), contribution.get("date"))
            self.rule_problems(
                where, review_rules.family_contribution_problems(date=date, today=self.today)
            )
            agency = contribution.get("facilitated_by")
            self.refers((*where, "facilitated_by"), agency, "agencies", "agency")
        for index, point in _listed(review.get("learning_points")):
            self.themes((*parts, "learning_points", index, "themes"), point.get("themes"))
        numbers: dict[int, int] = {}
        for index, recommendation in _listed(review.get("recommendations")):
            where = (*parts, "recommendations", index)
            number = recommendation.get("number")
            if isinstance(number, int) and number in numbers:
                self.add(
                    (*where, "number"),
                    f"duplicate number {number}: recommendations[{numbers[number]}] has it "
                    "already; expected each number once in a review",
                )
            elif isinstance(number, int):
                numbers[number] = index
            self.check_recommendation(where, recommendation)
        for index, document in _listed(review.get("documents")):
            where = (*parts, "documents", index)
            published = self.date((*where, "published"), document.get("published"))
            problems = review_rules.document_problems(published=published, today=self.today)
            self.rule_problems(where, problems)
            self.check_url((*where, "url"), document.get("url"))

    def check_recommendation(self, parts: tuple[Part, ...], recommendation: dict) -> None:
        self.refers(
            (*parts, "lead_agency"), recommendation.get("lead_agency"), "agencies", "agency"
        )
        for index, action in _listed(recommendation.get("actions")):
            where = (*parts, "actions", index)
            self.refers((*where, "owner_agency"), action.get("owner_agency"), "agencies", "agency")
            found = self.dates(where, action, "due", "completed")
            status = action.get("status")
            if status in ActionStatus.values and _read(action, found):
                problems = action_rules.action_completion_problems(
                    status=status, completed=found["completed"], today=self.today
                )
                self.rule_problems(where, problems)
            for number, update in _listed(action.get("updates")):
                self.check_update((*where, "updates", number), update)

    def check_update(self, parts: tuple[Part, ...], update: dict[str, Any]) -> None:
        date = self.date((*parts, "date"), update.get("date"))
        if date is not None and date.is_approximate:
            self.add(
                (*parts, "date"),
                f"{update['date']!r} is approximate: a progress update is dated to the day, "
                "expected YYYY-MM-DD",
            )
        if date is not None:
            problems = action_rules.progress_update_problems(date=date.first_day, today=self.today)
            self.rule_problems(parts, problems)

    def check_url(self, parts: tuple[Part, ...], url: Any) -> None:
        if not isinstance(url, str):
            return
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            self.add(parts, f"{url!r} is not a web address: expected one starting https://")

    def check_event(self, parts: tuple[Part, ...], event: dict[str, Any]) -> None:
        date = self.date((*parts, "date"), event.get("date"))
        self.themes((*parts, "themes"), event.get("themes"))
        self.refers_all((*parts, "reviews"), event.get("reviews"), "reviews", "review")
        by_agency = event.get("attendance_by_agency")
        if not isinstance(by_agency, dict):
            return
        for agency in by_agency:
            self.refers((*parts, "attendance_by_agency", agency), agency, "agencies", "agency")
        counts = [n for n in by_agency.values() if _count_or_none(n) and n is not None]
        attendance = event.get("attendance")
        if _count_or_none(attendance) and attendance is not None:
            problems = learning_rules.learning_event_problems(
                date=date, attendance=attendance, by_agency=counts, today=self.today
            )
            self.rule_problems(parts, problems)
