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
from casereview.exchange import schemacheck
from casereview.exchange.problems import Part, Problem, What, in_order, path_of, quoted
from casereview.exchange.selectors import FORMAT, VERSION, VERSIONS
from casereview.learning import rules as learning_rules
from casereview.referrals import rules
from casereview.reviews import rules as review_rules

# The JSON Schema of each version the import reads; the latest is the one published and
# regenerated from the mappings (exchange/schema.py).
SCHEMA_FILES = {version: f"casereview-exchange-v{version}.schema.json" for version in VERSIONS}
SCHEMA_FILE = SCHEMA_FILES[VERSION]
DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
DATE_TODO = "type a date like 03/02/2019, Mar 2021 or 2021"
PATTERN_WORDS = {
    DATE_PATTERN: What(
        "is not a date", "are not dates", "expected YYYY-MM-DD, YYYY-MM or YYYY", DATE_TODO
    ),
    "^[A-Z0-9-]{2,16}$": What(
        "is not a partnership code",
        "are not partnership codes",
        "expected 2 to 16 characters of A-Z, 0-9 and -",
        "type 2 to 16 capital letters, digits or -, like OSCB",
    ),
    "^[a-z][a-z0-9_]{1,49}$": What(
        "is not a theme code",
        "are not theme codes",
        "expected lower-case letters, digits and underscores, like neglect",
        "type lower-case letters, digits and underscores, like neglect",
    ),
}
# Each type of the format's values: as one, as many, and what a spreadsheet user does.
TYPE_WORDS = {
    "string": ("text", "text", "type text"),
    "integer": ("a whole number", "whole numbers", "type a whole number, like 3"),
    "boolean": ("true or false", "true or false", "type yes or no"),
    "object": ("an object {...}", "objects {...}", "fill in the record"),
    "array": ("a list [...]", "lists [...]", "type ids separated by commas"),
    "null": ("null", "null", "leave the cell empty"),
}
EMPTY = What("is empty", "are empty", "expected a value", "enter a value")
# Django works a choice's values out afresh each time they are asked for: once per action.
ACTION_STATUSES = frozenset(ActionStatus.values)
# When several schema errors fall on one place, the first of these explains it best.
PRIORITY = ("type", "const", "enum", "pattern", "required", "additionalProperties")


@cache
def schema_text(version: int = VERSION) -> str:
    """The JSON Schema of a version, as published at /exchange/schema/v<version>.json."""
    name = SCHEMA_FILES[version]
    return resources.files("casereview.exchange").joinpath(f"schema/{name}").read_text()


@cache
def _validator(version: int) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text(version)))


@cache
def _quick_check(version: int) -> schemacheck.Check | None:
    """The schema's yes-or-no check, or None where it cannot be compiled (jsonschema then
    checks every document)."""
    try:
        return schemacheck.compiled(json.loads(schema_text(version)))
    except schemacheck.NotCompiled:
        return None


def version_of(document: Any) -> int:
    """The version whose schema checks the document: its own, when one this service reads;
    else the latest, which says what is wrong with its version."""
    version = document.get("version") if isinstance(document, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version in VERSIONS:
        return version
    return VERSION


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
                    "the partnership you are signed in to. Import only its own records",
                )
            )
    return in_order(found)


# The schema


def schema_problems(document: Any) -> list[Problem]:
    version = version_of(document)
    quick = _quick_check(version)
    if quick is not None and quick(document):
        return []  # nothing for jsonschema to find: its walk is spared
    best: dict[tuple[Part, ...], tuple[int, Problem]] = {}
    for error in _validator(version).iter_errors(document):
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
            Problem(
                (*parts, key),
                f"{key!r} is not a key of this record in the format: remove it (its keys are "
                f"{', '.join(allowed)})",
            )
            for key in value
            if key not in allowed
        ]
    if kind == "required":
        missing = What(
            "is missing",
            "are missing",
            "every key must be present: null, or [] for a list, where not known",
            "enter a value",
        )
        return [
            Problem((*parts, key), f"is missing: {missing.expected}", what=missing)
            for key in expected
            if key not in value
        ]
    if not parts and kind == "type":
        return [
            Problem(
                parts,
                f"The file holds {_kind_of(value)}, not an exchange document: expected an "
                "object {...} with the keys format, version and partnership and the lists "
                "of records",
            )
        ]
    if kind == "const" and parts in (("format",), ("version",)):
        return [Problem(parts, _not_this_format(parts[0], value))]
    what = _what(kind, expected, value, error.schema)
    shown = None if value is None or value == "" or kind == "minItems" else quoted(value)
    subject = f"{shown} " if shown is not None else ""
    message = f"{subject}{what.one}: {what.expected}"
    if kind == "type":
        message = (
            f"{shown} is {_kind_of(value)}: {what.expected}"
            if shown
            else f"is null: {what.expected}"
        )
    return [Problem(parts, message, what=what, value=shown)]


def _not_this_format(key: str, value: Any) -> str:
    if key == "version":
        return (
            f"The document is of version {quoted(value)} of the format: expected "
            f"{' or '.join(str(v) for v in VERSIONS)}, the versions this service reads. Export "
            f"the records again as version {VERSION}"
        )
    return (
        f'{quoted(value)} is not this format\'s name: expected "{FORMAT}". The file is not a '
        "case review exchange document: export the records again from a service that writes "
        "the format, or fill in the spreadsheet template"
    )


def _kind_of(value: Any) -> str:
    kinds = (
        ("true or false", bool),
        ("a list [...]", list),
        ("an object {...}", dict),
        ("text", str),
        ("a number", int | float),
    )
    for name, kind in kinds:
        if isinstance(value, kind):
            return name
    return "null" if value is None else "a value"


def _what(kind: str, expected: Any, value: Any, schema: dict[str, Any]) -> What:
    """What is wrong with a value the schema refuses, in words."""
    if value is None and kind == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(TYPE_WORDS[k][0] for k in kinds)
        return What("is empty", "are empty", f"expected {wanted}", "enter a value")
    if kind == "type":
        kinds = [k for k in (expected if isinstance(expected, list) else [expected]) if k != "null"]
        one = " or ".join(TYPE_WORDS[k][0] for k in kinds)
        many = " or ".join(TYPE_WORDS[k][1] for k in kinds)
        also = ", or null" if isinstance(expected, list) and "null" in expected else ""
        return What(
            f"is not {one}", f"are not {many}", f"expected {one}{also}", TYPE_WORDS[kinds[0]][2]
        )
    if kind == "enum":
        values = ", ".join(v for v in expected if v is not None)
        empty = ", or leave the cell empty" if None in expected else ""
        return What(
            "is not one of the allowed values",
            "are not allowed values",
            f"expected one of {values}{', or null' if None in expected else ''}",
            f"choose one of {values} (the Allowed values sheet lists them){empty}",
        )
    if kind == "const":
        return What(
            f"is not {json.dumps(expected)}",
            f"are not {json.dumps(expected)}",
            f"expected {json.dumps(expected)}: this service reads "
            f"casereview-exchange documents of versions {' and '.join(str(v) for v in VERSIONS)}",
            f"type {json.dumps(expected)}",
        )
    if kind == "pattern":
        return PATTERN_WORDS.get(
            expected,
            What(
                "is not in the right form",
                "are not in the right form",
                f"expected text matching {expected}",
                "correct the value",
            ),
        )
    if kind == "minLength":
        return EMPTY
    if kind == "maxLength":
        return What(
            f"is {len(value)} characters long",
            "are too long",
            f"expected at most {expected} characters",
            f"shorten the text to at most {expected} characters",
        )
    if kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        span = f"from {low} to {high}" if high is not None else f"of {low} or more"
        return What(
            "is out of range",
            "are out of range",
            f"expected a whole number {span}",
            f"type a whole number {span}",
        )
    if kind == "uniqueItems":
        return What(
            "lists a value twice",
            "list values twice",
            "expected each value once",
            "list each value once",
        )
    if kind == "minItems":
        return What(
            "is an empty list",
            "are empty lists",
            f"expected at least {expected} id",
            "fill in at least one id (ids separated by commas)",
        )
    return What(
        f"does not keep to the format ({kind})",
        f"do not keep to the format ({kind})",
        "see the format's JSON Schema",
        "correct the value",
    )


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

# Each collection's record, in words, and the sheet of the workbook that lists them.
RECORD_WORDS = {
    "agencies": ("agency", "Agencies"),
    "children": ("child", "Children"),
    "referrals": ("case", "Referrals"),
    "reviews": ("review", "Reviews"),
    "learning_events": ("learning event", "Learning events"),
    "glossary": ("glossary term", "Glossary"),
}
LISTED_TWICE = What("is listed twice", "are listed twice", "expected each once", "list each once")
NOT_A_THEME = What(
    "is not a theme",
    "are not themes",
    "expected a code of the national taxonomy (themes.md) or one of the partnership's own themes",
    "use a theme code of the national taxonomy, like neglect, or one of the partnership's "
    "own themes",
)
NOT_A_REAL_DATE = What(
    "is not a real date",
    "are not real dates",
    "expected a date that exists, as YYYY-MM-DD, YYYY-MM or YYYY",
    "type a date that exists, like 28/02/2019",
)
NOT_A_DAY = What(
    "is only a month or a year",
    "are only months or years",
    "a progress update is dated to the day: expected YYYY-MM-DD",
    "type the day of the update, like 03/02/2019",
)
NOT_A_WEB_ADDRESS = What(
    "is not a web address",
    "are not web addresses",
    "expected one starting https://",
    "type the whole address, starting https://",
)


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

    def wrong(self, parts: tuple[Part, ...], value: Any, what: What, **more: Any) -> None:
        """A problem of a kind shown grouped: the value, what is wrong, what was expected."""
        shown = quoted(value)
        self.found.append(
            Problem(parts, f"{shown} {what.one}: {what.expected}", what=what, value=shown, **more)
        )

    def unique(self, collection: str, key: str, noun: str) -> set[str]:
        first: dict[str, int] = {}
        record = RECORD_WORDS[collection][0]
        for index, item in _listed(self.document.get(collection)):
            value = item.get(key)
            if not isinstance(value, str):
                continue
            if value in first:
                other = (collection, first[value], key)
                what = What(
                    "is used twice",
                    "are used more than once",
                    f"{path_of(other)} has it too; expected each {noun} once",
                    f"give each {record} its own {noun}",
                )
                self.wrong((collection, index, key), value, what, other=other)
            else:
                first[value] = index
        return set(first)

    def refers(self, parts: tuple[Part, ...], value: Any, collection: str, noun: str) -> None:
        if isinstance(value, str) and value not in self.ids[collection]:
            sheet = RECORD_WORDS[collection][1]
            what = What(
                f"is not the id of any {noun}",
                f"are not the ids of any {noun}",
                f"expected the id of one of $.{collection}",
                f"use an id from column A of the {sheet} sheet",
            )
            self.wrong(parts, value, what)

    def refers_all(self, parts: tuple[Part, ...], values: Any, collection: str, noun: str) -> None:
        if isinstance(values, list):
            seen: set[str] = set()
            for index, value in enumerate(values):
                self.refers((*parts, index), value, collection, noun)
                if not isinstance(value, str):
                    continue
                if value in seen:
                    self.wrong((*parts, index), value, LISTED_TWICE)
                seen.add(value)

    def themes(self, parts: tuple[Part, ...], codes: Any) -> None:
        if not isinstance(codes, list):
            return
        for index, code in enumerate(codes):
            if isinstance(code, str) and code not in self.theme_codes:
                self.wrong((*parts, index), code, NOT_A_THEME)

    def date(self, parts: tuple[Part, ...], value: Any) -> PartialDate | None:
        """The date at `parts`, or None (its shape is the schema's to report)."""
        if not isinstance(value, str) or not ISO_PATTERN.match(value) or value != value.strip():
            return None
        try:
            return PartialDate.parse(value)
        except ValueError:
            self.wrong(parts, value, NOT_A_REAL_DATE)
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
        rapid_review = referral.get("rapid_review")
        if isinstance(rapid_review, dict):
            self.check_rapid_review((*parts, "rapid_review"), rapid_review)

    def check_rapid_review(self, parts: tuple[Part, ...], rapid_review: dict[str, Any]) -> None:
        self.refers_all((*parts, "agencies"), rapid_review.get("agencies"), "agencies", "agency")
        found = self.dates(parts, rapid_review, "meeting", "sent_to_panel")
        self.rule_problems(parts, rules.rapid_review_date_problems(today=self.today, **found))

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
        if isinstance(status, str) and _read(review, found):
            self.check_publication(parts, review, status, found["commissioned"])
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
                other = (*parts, "recommendations", numbers[number], "number")
                what = What(
                    "is used twice",
                    "are used more than once",
                    f"{path_of(other)} has it too; expected each number once in a review",
                    "give each recommendation of a review its own number",
                )
                self.wrong((*where, "number"), number, what, other=other)
            elif isinstance(number, int):
                numbers[number] = index
            self.check_recommendation(where, recommendation)
        for index, document in _listed(review.get("documents")):
            where = (*parts, "documents", index)
            published = self.date((*where, "published"), document.get("published"))
            problems = review_rules.document_problems(published=published, today=self.today)
            self.rule_problems(where, problems)
            self.check_url((*where, "url"), document.get("url"))

    def check_publication(
        self,
        parts: tuple[Part, ...],
        review: dict[str, Any],
        status: str,
        commissioned: PartialDate | None,
    ) -> None:
        """Publish or explain. A document that states the publication (null or an object)
        is held to it; one that leaves the key out (every version 1 document) says nothing of
        it, and a review not published keeps its decision as recorded, or not known."""
        publication = review.get("publication")
        given = publication if isinstance(publication, dict) else {}
        where = (*parts, "publication")
        found = self.dates(where, given, "sent_to_panel", "decided_not_to_publish")
        reason = given.get("reason")
        if (publication is None or given) and _read(given, found):
            problems = review_rules.publication_problems(
                status=status,
                commissioned=commissioned,
                reason=reason if isinstance(reason, str) else "",
                today=self.today,
                stated="publication" in review,
                **found,
            )
            self.rule_problems(where, problems)

    def check_recommendation(self, parts: tuple[Part, ...], recommendation: dict) -> None:
        self.refers(
            (*parts, "lead_agency"), recommendation.get("lead_agency"), "agencies", "agency"
        )
        for index, action in _listed(recommendation.get("actions")):
            where = (*parts, "actions", index)
            self.refers((*where, "owner_agency"), action.get("owner_agency"), "agencies", "agency")
            found = self.dates(where, action, "due", "completed")
            status = action.get("status")
            if isinstance(status, str) and status in ACTION_STATUSES and _read(action, found):
                problems = action_rules.action_completion_problems(
                    status=status, completed=found["completed"], today=self.today
                )
                self.rule_problems(where, problems)
            for number, update in _listed(action.get("updates")):
                self.check_update((*where, "updates", number), update)

    def check_update(self, parts: tuple[Part, ...], update: dict[str, Any]) -> None:
        date = self.date((*parts, "date"), update.get("date"))
        if date is not None and date.is_approximate:
            self.wrong((*parts, "date"), update["date"], NOT_A_DAY)
        if date is not None:
            problems = action_rules.progress_update_problems(date=date.first_day, today=self.today)
            self.rule_problems(parts, problems)

    def check_url(self, parts: tuple[Part, ...], url: Any) -> None:
        if not isinstance(url, str):
            return
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            self.wrong(parts, url, NOT_A_WEB_ADDRESS)

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
