"""Issue 13: version 2 of the exchange format (spec/exchange-format.md, "Version 2 additions"):
a referral's rapid review, a decision's matters for a local review and the Panel's newer
responses come back from the export, and version 1 documents import as before."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from casereview.accounts.models import Agency, Partnership
from casereview.exchange.files import seed_document
from casereview.exchange.generator import generated_document
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, preview_import
from casereview.exchange.tests.helpers import in_version_2, without_computed
from casereview.exchange.tests.test_idempotence import writes_during
from casereview.referrals import services
from casereview.referrals.models import Decision, PanelSubmission, RapidReview, Referral

pytestmark = pytest.mark.django_db


def version_2_document() -> dict[str, Any]:
    """A generated document in version 2, its first referral with a rapid review agreed by
    two partners and sent, the matters for a local review, and the Panel asking for more."""
    document = in_version_2(generated_document(seed=5, code="RAPID", referrals=6, reviews=2))
    referral = document["referrals"][0]
    referral["framework"] = "wt2023"
    referral["rapid_review"] = {
        "meeting": "2024-01-22",
        "sent_to_panel": "2024-01-26",
        "recommendation": "no_lcspr",
        "immediate_actions": "A strategy meeting for the siblings.",
        "agencies": [document["agencies"][0]["id"], document["agencies"][2]["id"]],
        "signed_off_by": ["local_authority", "health"],
    }
    referral["decision"] = {
        "date": "2024-02-01",
        "outcome": "no_review",
        "review": None,
        "rationale": "Learning is being taken forward by the agencies.",
        "considerations": ["recurrent_themes", "panel_suggested"],
    }
    referral["national_panel"] = {
        "submitted": "2024-01-26",
        "response": "more_information",
        "response_date": "2024-02-10",
        "local_response": None,
    }
    second = document["referrals"][1]
    second["rapid_review"] = {
        "meeting": None,
        "sent_to_panel": None,
        "recommendation": "undecided",
        "immediate_actions": None,
        "agencies": [],
        "signed_off_by": [],
    }
    second["national_panel"] = {
        "submitted": second["received"],
        "response": "national_review",
        "response_date": second["received"],
        "local_response": "The partnership gave the Panel its view.",
    }
    return document


def test_a_version_2_document_comes_back_from_the_export_and_again_changes_nothing() -> None:
    document = version_2_document()
    import_document(document)
    partnership = Partnership.objects.get(code="RAPID")
    exported = export_document(partnership)
    assert exported["version"] == 2
    assert without_computed(exported) == document
    assert writes_during(lambda: import_document(exported)) == []
    assert preview_import(exported).changes_anything is False

    referral = Referral.objects.get(partnership=partnership, external_key="referral-0")
    rapid_review = RapidReview.objects.get(referral=referral)
    assert rapid_review.signed_off_by == ["local_authority", "health"]
    assert rapid_review.agencies.count() == 2
    assert Decision.objects.get(referral=referral).considerations == [
        "recurrent_themes",
        "panel_suggested",
    ]
    # the Panel asked for more and no reply is recorded: the partnership's reply is due
    submission = PanelSubmission.objects.get(referral=referral)
    assert submission.awaits_local_response
    answered = PanelSubmission.objects.get(referral__external_key="referral-1")
    assert answered.response == "national_review" and not answered.awaits_local_response


def test_a_changed_rapid_review_is_updated_and_named() -> None:
    document = version_2_document()
    import_document(document)
    edited = copy.deepcopy(document)
    rapid_review = edited["referrals"][0]["rapid_review"]
    rapid_review["signed_off_by"] = ["local_authority", "police", "health"]
    rapid_review["agencies"] = [edited["agencies"][1]["id"]]
    summary = preview_import(edited)
    assert summary.tallies["rapid reviews"].updated == 1
    (named,) = summary.named["rapid reviews"]
    assert named.startswith("Rapid review of")
    assert "agreed by Local authority, Health (integrated care board) → Local authority" in named
    import_document(edited)
    partnership = Partnership.objects.get(code="RAPID")
    assert without_computed(export_document(partnership)) == edited


def test_a_version_1_document_leaves_the_rapid_review_and_considerations_as_they_are(
    partnership: Partnership,
) -> None:
    """Every version 1 document reads as if version 2's keys were absent: the seed imported
    again over a rapid review and a decision's considerations recorded since changes neither."""
    import_document(seed_document())
    referral = Referral.objects.get(partnership=partnership, external_key="case-2016-pending-1")
    rapid_review = services.record_rapid_review(
        referral,
        meeting=dt.date(2016, 9, 1),
        recommendation="lcspr",
        agencies=[Agency.objects.get(partnership=partnership, external_key="tvp")],
        acting_user=None,
    )
    decision = Decision.objects.get(referral__external_key="case-2015-contested")
    decision.considerations = ["other"]
    decision.save(update_fields=["considerations"])
    before = export_document(partnership)
    summary = import_document(seed_document())
    assert not summary.changes_anything
    assert export_document(partnership) == before
    assert before["referrals"][4]["rapid_review"]["agencies"] == ["tvp"]
    rapid_review.refresh_from_db()
    assert rapid_review.recommendation == "lcspr" and rapid_review.agencies.count() == 1


@pytest.mark.parametrize(
    ("change", "place", "words"),
    [
        (
            lambda doc: doc["referrals"][0].update(rapid_review=None),
            "$.referrals[0].rapid_review",
            "'rapid_review' is not a key of this record in the format",
        ),
        (
            lambda doc: doc["referrals"][1]["national_panel"].update(response="more_information"),
            "$.referrals[1].national_panel.response",
            "expected one of awaiting, agreed, contested",
        ),
    ],
    ids=["rapid review", "more information"],
)
def test_a_version_1_document_may_not_hold_version_2s_keys(
    change: Any, place: str, words: str
) -> None:
    document = seed_document()
    change(document)
    with pytest.raises(DocumentRejected) as rejected:
        import_document(document)
    messages = [(p.path, p.message) for p in rejected.value.problems]
    assert any(path == place and words in message for path, message in messages), messages


def test_a_rapid_review_names_agencies_of_the_document() -> None:
    document = version_2_document()
    document["referrals"][0]["rapid_review"]["agencies"] = ["no-such-agency"]
    with pytest.raises(DocumentRejected) as rejected:
        import_document(document)
    (problem,) = rejected.value.problems
    assert problem.path == "$.referrals[0].rapid_review.agencies[0]"
    assert "is not the id of any agency" in problem.message
