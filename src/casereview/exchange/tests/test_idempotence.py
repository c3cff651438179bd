"""Done means 3: importing the same document again changes no row; an edited document updates
the records it matches, each change audited with what it was before and after."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereview.accounts.models import Partnership
from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.core.audit import verify_chain
from casereview.core.models import AuditEvent
from casereview.exchange.files import seed_document
from casereview.exchange.generator import generated_document
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, preview_import
from casereview.exchange.tests.helpers import (
    in_version_2,
    last_audit_id,
    table_counts,
    without_computed,
)
from casereview.referrals.models import Child, Decision, Referral
from casereview.referrals.services import assessment_of
from casereview.reviews.models import Review

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def writes_during(act: Any) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        act()
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.parametrize(
    "make",
    [seed_document, lambda: generated_document(seed=11, code="AGAIN", referrals=30, reviews=8)],
    ids=["seed", "generated"],
)
def test_importing_the_same_document_again_writes_nothing(make: Any) -> None:
    document = make()
    import_document(document)
    counts, audit_rows, last = table_counts(), AuditEvent.objects.count(), last_audit_id()
    assert writes_during(lambda: import_document(document)) == []
    assert table_counts() == counts
    assert AuditEvent.objects.count() == audit_rows and last_audit_id() == last
    summary = preview_import(document)
    assert not summary.changes_anything
    assert summary.total().unchanged == summary.records()


def test_the_first_import_audits_every_record_it_creates_and_the_chain_holds() -> None:
    before = AuditEvent.objects.count()
    summary = import_document(seed_document())
    created = AuditEvent.objects.filter(id__gt=before, action="create")
    assert created.count() == summary.total().created
    child = Child.objects.get(pseudonym="Child J")
    row = created.get(object_type="referrals.child", object_id=str(child.pk))
    assert row.changes["after"]["age_years"] == 17
    assert row.actor_username == "system"
    assert row.partnership is not None and row.partnership.code == "OSCB"
    assert verify_chain()[1] is None


def edit(document: dict[str, Any]) -> dict[str, Any]:
    """A summary corrected, a child's sex recorded, an action added, a recommendation dropped,
    a decision withdrawn, a review signed off."""
    edited = copy.deepcopy(document)
    edited["referrals"][0]["summary"] = "Corrected summary."
    edited["children"][0]["sex"] = "male"
    review = edited["reviews"][0]
    review["recommendations"][0]["actions"].append(
        {
            "text": "A new action.",
            "owner_agency": edited["agencies"][0]["id"],
            "due": "2019-06",
            "status": "not_started",
            "completed": None,
            "updates": [],
        }
    )
    review["recommendations"] = review["recommendations"][:1]
    edited["referrals"][1]["decision"] = None
    edited["referrals"][1]["national_panel"] = None
    return edited


def the_document() -> dict[str, Any]:
    document = generated_document(seed=21, code="EDIT", referrals=6, reviews=3)
    document["children"][0]["sex"] = "female"
    review = document["reviews"][0]
    review.update(status="active", signed_off=None, published=None, parallel_processes=[])
    assert len(review["recommendations"]) == 2
    for referral in document["referrals"][:2]:
        referral["decision"] = {
            "date": referral["received"],
            "outcome": "no_review",
            "review": None,
            "rationale": "Invented.",
        }
    return document


def test_an_edited_document_updates_the_matching_records_and_audits_before_and_after() -> None:
    document = the_document()
    import_document(document)
    referral = Referral.objects.get(external_key=document["referrals"][0]["id"])
    second = Referral.objects.get(external_key=document["referrals"][1]["id"])
    counts, last = table_counts(), last_audit_id()
    edited = edit(document)
    summary = import_document(edited)
    tallies = summary.tallies
    assert (tallies["referrals"].updated, tallies["children"].updated) == (1, 1)
    assert tallies["actions"].created == 1
    assert tallies["recommendations"].deleted == 1
    assert tallies["decisions"].deleted == 1
    assert tallies["reviews"].updated == 0 and tallies["agencies"].updated == 0
    after = table_counts()
    assert after["referrals.Referral"] == counts["referrals.Referral"]  # updated, not copied
    assert after["referrals.Decision"] == counts["referrals.Decision"] - 1
    assert after["actionplans.Recommendation"] == counts["actionplans.Recommendation"] - 1
    referral.refresh_from_db()
    assert referral.summary == "Corrected summary."
    assert not Decision.objects.filter(referral=second).exists()
    rows = AuditEvent.objects.filter(id__gt=last)
    change = rows.get(action="change", object_type="referrals.referral")
    assert change.object_id == str(referral.pk)
    assert change.changes == {
        "summary": {"before": document["referrals"][0]["summary"], "after": "Corrected summary."}
    }
    sex = rows.get(action="change", object_type="referrals.child").changes["sex"]
    assert sex == {"before": document["children"][0]["sex"], "after": "male"}
    deleted = rows.get(action="delete", object_type="actionplans.recommendation")
    assert deleted.changes["before"]["number"] == 2
    assert rows.filter(action="delete", object_type="referrals.decision").count() == 1
    exported = export_document(Partnership.objects.get(code="EDIT"))
    assert without_computed(exported) == in_version_2(edited)
    assert writes_during(lambda: import_document(edited)) == []


def test_an_action_whose_updates_change_keeps_its_last_update() -> None:
    document = the_document()
    action = document["reviews"][0]["recommendations"][0]["actions"][0]
    action["updates"] = [{"date": "2016-01-05", "text": "Begun."}]
    import_document(document)
    action["updates"].append({"date": "2016-02-10", "text": "Halfway."})
    summary = import_document(document)
    assert summary.tallies["progress updates"].created == 1
    assert summary.tallies["actions"].updated == 0
    stored = AgencyAction.objects.get(
        recommendation__review__external_key="review-0", recommendation__number=1, position=1
    )
    assert str(stored.last_update) == "2016-02-10"


def test_changing_the_nation_assesses_the_referrals_again() -> None:
    document = the_document()
    import_document(document)
    document["partnership"]["nation"] = "wales"
    import_document(document)
    frameworks = set(
        Referral.objects.filter(partnership__code="EDIT").values_list(
            "assessed_framework", flat=True
        )
    )
    assert frameworks == {"wales_cpr"} | (
        {"wt2015"} if any(r["framework"] == "wt2015" for r in document["referrals"]) else set()
    )


def test_reviews_and_recommendations_not_in_the_document_are_left_alone() -> None:
    document = the_document()
    import_document(document)
    fewer = copy.deepcopy(document)
    fewer["reviews"] = fewer["reviews"][1:]
    for referral in fewer["referrals"]:
        decision = referral["decision"]
        if decision and decision["review"] == document["reviews"][0]["id"]:
            decision["review"] = None
    for event in fewer["learning_events"]:
        event["reviews"] = [r for r in event["reviews"] if r != document["reviews"][0]["id"]]
    import_document(fewer)
    assert Review.objects.filter(external_key=document["reviews"][0]["id"]).exists()
    assert Recommendation.objects.filter(review__external_key="review-0").count() == 2


def test_a_childs_plan_recorded_in_the_document_assesses_their_referral_again() -> None:
    """In Wales the criteria read whether the child was on a plan or looked after."""
    document = the_document()
    document["partnership"]["nation"] = "wales"
    referral_item = document["referrals"][2]
    referral_item.update(harm="serious_harm", abuse_or_neglect="known", framework=None)
    child = next(c for c in document["children"] if c["id"] == referral_item["children"][0])
    child.update(cp_plan_at_incident="no", looked_after_at_incident="no")
    import_document(document)
    referral = Referral.objects.get(external_key=referral_item["id"])
    before = referral.assessed_reasons
    child["cp_plan_at_incident"] = "yes"
    summary = import_document(document)
    assert summary.tallies["children"].updated == 1 and summary.tallies["referrals"].updated == 0
    referral.refresh_from_db()
    assert referral.assessed_reasons != before
    assert referral.assessed_reasons == list(assessment_of(referral).reasons)


def test_an_unchanged_referral_keeps_the_assessment_it_was_given() -> None:
    """ADR 0005: old assessments are not silently rewritten by a later import."""
    document = the_document()
    import_document(document)
    referral = Referral.objects.get(external_key=document["referrals"][0]["id"])
    Referral.objects.filter(pk=referral.pk).update(assessed_reasons=["As assessed at the time."])
    assert writes_during(lambda: import_document(document)) == []
    referral.refresh_from_db()
    assert referral.assessed_reasons == ["As assessed at the time."]
