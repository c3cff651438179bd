"""Done means 2: bad documents are rejected with the right path and message, all problems at
once, and the database is left exactly as it was (table counts and audit trail)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from casereview.accounts.models import Partnership
from casereview.exchange import problems
from casereview.exchange.files import read_json
from casereview.exchange.generator import generated_document
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.services import import_document, preview_import
from casereview.exchange.tests.helpers import last_audit_id, table_counts
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db

Edit = Callable[[dict[str, Any]], None]


def document() -> dict[str, Any]:
    """A valid document whose first review is published, with a recommendation and an action,
    and whose first referral is decided and sent to the national panel."""
    found = generated_document(seed=3, code="BAD", referrals=4, reviews=3)
    review = found["reviews"][0]
    review.update(status="published", commissioned="2015-01-05", signed_off="2015-09-01")
    review["published"] = "2015-10-01"
    review["parallel_processes"] = []
    referral = found["referrals"][0]
    referral.update(incident_date="2016-02-27", aware="2016-03-01", received="2016-03-03")
    referral["notified"] = "2016-03-02"
    referral["decision"] = {
        "date": "2016-04-01",
        "outcome": "review_commissioned",
        "review": review["id"],
        "rationale": "Invented.",
    }
    referral["national_panel"] = {
        "submitted": "2016-04-04",
        "response": "agreed",
        "response_date": "2016-04-20",
        "local_response": None,
    }
    action = review["recommendations"][0]["actions"][0]
    action.update(status="in_progress", completed=None)
    action["updates"] = [{"date": "2016-01-05", "text": "Begun."}]
    found["learning_events"][0]["attendance_by_agency"] = {"agency-1": 4}
    found["learning_events"][0]["attendance"] = 10
    return found


def setter(*path: Any, value: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def remover(*path: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        target = doc
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return edit


def both(*edits: Edit) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        for one in edits:
            one(doc)

    return edit


FIRST_ACTION = ("reviews", 0, "recommendations", 0, "actions", 0)
BAD_DOCUMENTS: dict[str, tuple[Edit, str, str]] = {
    "unknown key": (
        setter("reviews", 0, "recommendations", 0, "colour", value="red"),
        "$.reviews[0].recommendations[0].colour",
        "'colour' is not a key of this record in the format: remove it (its keys are number, "
        "text, scope, lead_agency",
    ),
    "unknown key at the top": (
        setter("comments", value="hello"),
        "$.comments",
        "'comments' is not a key of this record in the format: remove it",
    ),
    "missing key": (
        remover("children", 1, "sex"),
        "$.children[1].sex",
        "is missing: every key must be present: null, or [] for a list, where not known",
    ),
    "wrong enumeration": (
        setter("agencies", 0, "kind", value="Police"),
        "$.agencies[0].kind",
        "'Police' is not one of the allowed values: expected one of police, childrens_social_care",
    ),
    "wrong enumeration or null": (
        setter("referrals", 1, "framework", value="wt2099"),
        "$.referrals[1].framework",
        "expected one of wt2010, wt2013, wt2015, wt2018, wt2023, wales_cpr, scotland_lr, ni_cmr, or null",
    ),
    "wrong type": (
        setter("referrals", 0, "suspected_suicide", value="yes"),
        "$.referrals[0].suspected_suicide",
        "'yes' is text: expected true or false",
    ),
    "number out of range": (
        setter("children", 0, "age_months", value=14),
        "$.children[0].age_months",
        "14 is out of range: expected a whole number from 0 to 11",
    ),
    "malformed date": (
        setter("referrals", 0, "received", value="03/03/2016"),
        "$.referrals[0].received",
        "'03/03/2016' is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY",
    ),
    "impossible date": (
        setter("reviews", 1, "commissioned", value="2015-02-30"),
        "$.reviews[1].commissioned",
        "'2015-02-30' is not a real date",
    ),
    "dangling agency": (
        setter(*FIRST_ACTION[:4], "lead_agency", value="no-such-agency"),
        "$.reviews[0].recommendations[0].lead_agency",
        "'no-such-agency' is not the id of any agency: expected the id of one of $.agencies",
    ),
    "dangling child": (
        setter("referrals", 2, "children", value=["child-0", "child-999"]),
        "$.referrals[2].children[1]",
        "'child-999' is not the id of any child: expected the id of one of $.children",
    ),
    "dangling review": (
        setter("referrals", 0, "decision", "review", value="review-77"),
        "$.referrals[0].decision.review",
        "'review-77' is not the id of any review",
    ),
    "duplicate id": (
        setter("agencies", 2, "id", value="agency-0"),
        "$.agencies[2].id",
        "'agency-0' is used twice: $.agencies[0].id has it too; expected each id once",
    ),
    "duplicate recommendation number": (
        lambda doc: doc["reviews"][0]["recommendations"].append(
            dict(doc["reviews"][0]["recommendations"][0], actions=[])
        ),
        "$.reviews[0].recommendations[2].number",
        "1 is used twice: $.reviews[0].recommendations[0].number has it too",
    ),
    "published before signed off": (
        setter("reviews", 0, "published", value="2015-08-01"),
        "$.reviews[0].published",
        "The publication date must be on or after the date the review was signed off",
    ),
    "published before commissioned": (
        both(
            setter("reviews", 0, "published", value="2014-12-01"),
            setter("reviews", 0, "signed_off", value="2014-12-01"),
        ),
        "$.reviews[0].published",
        "The publication date must be on or after the date the review was commissioned",
    ),
    "signed off before commissioned": (
        setter("reviews", 0, "signed_off", value="2014-06"),
        "$.reviews[0].signed_off",
        "The sign-off date must be on or after the date the review was commissioned",
    ),
    "decision before received": (
        setter("referrals", 0, "decision", "date", value="2016-03-02"),
        "$.referrals[0].decision.date",
        "The decision date must be on or after the date the referral was received (3 March 2016)",
    ),
    "notified before aware": (
        setter("referrals", 0, "notified", value="2016-02"),
        "$.referrals[0].notified",
        "The notification date must be on or after the date the partnership became aware",
    ),
    "aware before the incident": (
        setter("referrals", 0, "aware", value="2016-02-20"),
        "$.referrals[0].aware",
        "The date the partnership became aware must be on or after the date of the incident",
    ),
    "response before submission": (
        setter("referrals", 0, "national_panel", "response_date", value="2016-04-01"),
        "$.referrals[0].national_panel.response_date",
        "The date of the national panel's response must be on or after",
    ),
    "a date in the future": (
        setter("reviews", 1, "commissioned", value="2099-01-01"),
        "$.reviews[1].commissioned",
        "The commissioning date must be today or in the past",
    ),
    "published without a date": (
        setter("reviews", 0, "published", value=None),
        "$.reviews[0].published",
        "Enter the date the review was published",
    ),
    "signed off but active": (
        setter("reviews", 0, "status", value="active"),
        "$.reviews[0].signed_off",
        "A review that is active has not been signed off: leave the sign-off date empty",
    ),
    "on hold with nothing to wait for": (
        setter("reviews", 0, "status", value="on_hold"),
        "$.reviews[0].status",
        "A review is on hold for a parallel process: record the criminal proceedings",
    ),
    "no review that leads to a review": (
        setter("referrals", 0, "decision", "outcome", value="no_review"),
        "$.referrals[0].decision.outcome",
        "A review was commissioned from this decision, so it cannot be a decision not to review",
    ),
    "contested without a date": (
        both(
            setter("referrals", 0, "national_panel", "response", value="contested"),
            setter("referrals", 0, "national_panel", "response_date", value=None),
        ),
        "$.referrals[0].national_panel.response_date",
        "Enter the date of the response",
    ),
    "unknown theme": (
        setter("reviews", 1, "themes", value=["neglect", "wellbeing_generally"]),
        "$.reviews[1].themes[1]",
        "'wellbeing_generally' is not a theme: expected a code of the national taxonomy",
    ),
    "a referral about no child": (
        setter("referrals", 3, "children", value=[]),
        "$.referrals[3].children",
        "is an empty list: expected at least 1 id",
    ),
    "completed without a date": (
        setter(*FIRST_ACTION, "status", value="completed"),
        "$.reviews[0].recommendations[0].actions[0].completed",
        "Enter the date the action was completed",
    ),
    "an update dated to the month": (
        setter(*FIRST_ACTION, "updates", 0, "date", value="2016-01"),
        "$.reviews[0].recommendations[0].actions[0].updates[0].date",
        "'2016-01' is only a month or a year: a progress update is dated to the day",
    ),
    "more counted by agency than came": (
        setter("learning_events", 0, "attendance", value=3),
        "$.learning_events[0].attendance",
        "3 came in all, fewer than the 4 counted by agency: enter at least 4",
    ),
    "attendance of an unknown agency": (
        setter("learning_events", 0, "attendance_by_agency", value={"ghost-agency": 1}),
        '$.learning_events[0].attendance_by_agency["ghost-agency"]',
        "'ghost-agency' is not the id of any agency",
    ),
    "not a web address": (
        lambda doc: doc["reviews"][0]["documents"].append(
            {"kind": "other", "title": "A file", "url": "shared drive/x.docx", "published": None}
        ),
        "$.reviews[0].documents[0].url",
        "'shared drive/x.docx' is not a web address",
    ),
    "wrong format": (
        setter("format", value="tracker"),
        "$.format",
        "'tracker' is not this format's name: expected \"casereview-exchange\". The file is not a "
        "case review exchange document",
    ),
    "wrong version": (
        setter("version", value=3),
        "$.version",
        "The document is of version 3 of the format: expected 1 or 2, the versions this service "
        "reads",
    ),
    "bad partnership code": (
        setter("partnership", "code", value="oscb board"),
        "$.partnership.code",
        "is not a partnership code: expected 2 to 16 characters of A-Z, 0-9 and -",
    ),
    "too long": (
        setter("agencies", 0, "name", value="x" * 201),
        "$.agencies[0].name",
        "is 201 characters long: expected at most 200 characters",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_DOCUMENTS))
def test_a_bad_document_is_rejected_with_its_path_and_nothing_is_written(kind: str) -> None:
    edit, path, message = BAD_DOCUMENTS[kind]
    doc = document()
    if kind == "not a web address":
        doc["reviews"][0]["documents"] = []
    edit(doc)
    before, audit_before = table_counts(), last_audit_id()
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc)
    found = {(p.path, p.message) for p in rejected.value.problems}
    assert any(p == path and message in m for p, m in found), sorted(found)
    assert table_counts() == before
    assert last_audit_id() == audit_before


def test_the_unedited_document_imports() -> None:
    summary = import_document(document())
    assert summary.total().created > 30


def test_every_problem_is_reported_at_once_in_document_order() -> None:
    doc = document()
    for kind in ("wrong type", "dangling agency", "malformed date", "duplicate id", "too long"):
        BAD_DOCUMENTS[kind][0](doc)
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc)
    problems = rejected.value.problems
    paths = [p.path for p in problems]
    expected = [
        "$.agencies[0].name",
        "$.agencies[2].id",
        "$.referrals[0].received",
        "$.referrals[0].suspected_suicide",
        "$.reviews[0].recommendations[0].lead_agency",
    ]
    assert [path for path in paths if path in expected] == expected
    # What referred to the agency whose id was changed is reported too.
    assert any(
        p.message == "'agency-2' is not the id of any agency: expected the id of one of $.agencies"
        for p in problems
    )
    assert [p.sort_key() for p in problems] == sorted(p.sort_key() for p in problems)


def test_every_problem_is_kept_and_those_of_a_kind_at_one_key_are_shown_as_one() -> None:
    doc = generated_document(seed=5, code="MANY", referrals=150, reviews=1)
    for referral in doc["referrals"]:
        referral["harm"] = "dead"
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc)
    assert len(rejected.value.problems) == 150 and rejected.value.more == 0
    assert rejected.value.problems[0].path == "$.referrals[0].harm"
    (section,) = rejected.value.sections()
    (group,) = section.groups
    assert section.title == "$.referrals" and group.where == "$.referrals[].harm"
    assert group.message.startswith(
        "150 values are not allowed values (at $.referrals[0].harm, $.referrals[1].harm, "
    )
    assert "$.referrals[9].harm and 140 more): expected one of " in group.message


def test_beyond_the_problems_kept_the_rest_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(problems, "MAX_PROBLEMS", 100)
    doc = generated_document(seed=5, code="MANY", referrals=150, reviews=1)
    for referral in doc["referrals"]:
        referral["harm"] = "dead"
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc)
    assert len(rejected.value.problems) == 100 and rejected.value.more == 50
    assert "And 50 more problems" in str(rejected.value)


def test_a_reference_another_referral_has_is_refused(partnership: Partnership) -> None:
    existing = make_referral(partnership)
    doc = generated_document(seed=2, code="OSCB", referrals=2, reviews=1)
    doc["partnership"]["name"] = partnership.name
    doc["referrals"][1]["reference"] = existing.reference
    before = table_counts()
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc)
    assert [str(p) for p in rejected.value.problems] == [
        f"$.referrals[1].reference: {existing.reference!r} is already the reference of case "
        f"{existing.reference!r}: give this case a reference of its own, or leave it empty "
        "(null) to be given the next one"
    ]
    assert table_counts() == before


def test_an_agency_name_another_agency_has_is_refused(partnership: Partnership) -> None:
    doc = generated_document(seed=2, code="OSCB", referrals=1, reviews=1)
    doc["partnership"]["name"] = partnership.name
    doc["agencies"][0]["name"] = "Thames Valley Police"
    with pytest.raises(DocumentRejected) as rejected:
        preview_import(doc)
    assert str(rejected.value.problems[0]) == (
        "$.agencies[0].name: 'Thames Valley Police' is already the name of agency 'tvp': give "
        "this agency a name of its own, or use the id 'tvp' to update that agency"
    )


def test_a_document_for_another_partnership_is_refused_on_its_page() -> None:
    doc = generated_document(seed=2, code="NMSCP", referrals=1, reviews=1)
    before = table_counts()
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc, partnership_code="OSCB")
    assert "$.partnership.code: 'NMSCP' is another partnership: expected 'OSCB'" in str(
        rejected.value
    )
    assert table_counts() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'{"format": "casereview-exchange",',
            "The JSON document cannot be read from line 1, column 34 on",
        ),
        (b"\xff\xfe\x00", "not saved as UTF-8 text"),
    ],
)
def test_a_file_that_is_not_json_says_where(data: bytes, message: str) -> None:
    with pytest.raises(DocumentRejected) as rejected:
        read_json(data)
    assert rejected.value.problems[0].path == "$"
    assert message in rejected.value.problems[0].message


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(DocumentRejected) as rejected:
        import_document(["not", "an", "object"])
    assert str(rejected.value.problems[0]) == (
        "$: The file holds a list [...], not an exchange document: expected an object {...} "
        "with the keys format, version and partnership and the lists of records"
    )
