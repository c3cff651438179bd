"""Issue 11, done means 2: every rule the import enforces, the forms enforce, and the other way
round, in the same words.

The rules are listed in one place (`core.rules.registered()`). For each, this test breaks it once
through the service a page calls and once in an imported document, and expects the same message
from both. A rule registered without a case here fails the test, as does a case for a rule that
is not registered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casereview.accounts.models import Partnership, User
from casereview.actionplans import services as actionplans
from casereview.actionplans.models import AgencyAction
from casereview.core.rules import registered
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.services import import_document
from casereview.exchange.tests.test_rejections import document
from casereview.learning import services as learning
from casereview.referrals import services as referrals
from casereview.referrals.models import Child, PanelSubmission, Referral
from casereview.reviews import services as reviews
from casereview.reviews.models import Review

pytestmark = pytest.mark.django_db

FUTURE = timezone.localdate() + dt.timedelta(days=3)


@dataclass(frozen=True)
class Records:
    """The records of the valid document once imported into the home partnership."""

    partnership: Partnership
    manager: User
    panel: User  # a member of the national panel, who records its responses

    def referral(self) -> Referral:
        return Referral.objects.get(partnership=self.partnership, external_key=self.first_referral)

    @property
    def first_referral(self) -> str:
        return document()["referrals"][0]["id"]

    def review(self) -> Review:
        key = document()["reviews"][0]["id"]
        return Review.objects.get(partnership=self.partnership, external_key=key)

    def action(self) -> AgencyAction:
        return AgencyAction.objects.get(
            recommendation__review=self.review(), recommendation__number=1, position=1
        )


FormEdit = Callable[[Records], Any]
DocEdit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Case:
    in_a_form: FormEdit
    in_a_document: DocEdit
    message: str


def _first_referral(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["referrals"][0]


def _first_action(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["reviews"][0]["recommendations"][0]["actions"][0]


def _with_rapid_review(doc: dict[str, Any], **rapid_review: Any) -> None:
    """The first referral gains a rapid review (version 2 of the format)."""
    doc["version"] = 2
    _first_referral(doc)["rapid_review"] = {
        "meeting": "2016-03-10",
        "sent_to_panel": None,
        "recommendation": "undecided",
        "immediate_actions": None,
        "agencies": [],
        "signed_off_by": [],
        **rapid_review,
    }


def _signed_off_review(r: Records) -> Review:
    """A review of the partnership the board has signed off, ready to publish or not."""
    review = reviews.create_review(
        r.partnership,
        acting_user=r.manager,
        title="Child W",
        type="lcspr",
        commissioned=dt.date(2019, 1, 7),
    )
    return reviews.sign_off_review(review, signed_off=dt.date(2019, 9, 2), acting_user=r.manager)


CASES: dict[str, Case] = {
    "rapid_review_date_problems": Case(
        lambda r: referrals.record_rapid_review(
            r.referral(), meeting=FUTURE, recommendation="undecided", acting_user=r.manager
        ),
        lambda doc: _with_rapid_review(doc, meeting=FUTURE.isoformat()),
        "The date of the rapid review meeting must be today or in the past",
    ),
    "referral_date_problems": Case(
        lambda r: referrals.change_referral(
            r.referral(), acting_user=r.manager, notified=dt.date(2016, 2, 1)
        ),
        lambda doc: _first_referral(doc).update(notified="2016-02"),
        "The notification date must be on or after the date the partnership became aware",
    ),
    "decision_date_problems": Case(
        lambda r: referrals.record_decision(
            r.referral(),
            date=dt.date(2016, 3, 2),
            outcome="review_commissioned",
            rationale="Invented.",
            acting_user=r.manager,
        ),
        lambda doc: _first_referral(doc)["decision"].update(date="2016-03-02"),
        "The decision date must be on or after the date the referral was received",
    ),
    "submission_date_problems": Case(
        lambda r: referrals.record_panel_response(
            PanelSubmission.objects.get(referral=r.referral()),
            response="agreed",
            response_date=dt.date(2016, 4, 1),
            acting_user=r.panel,
        ),
        lambda doc: _first_referral(doc)["national_panel"].update(response_date="2016-04-01"),
        "The date of the national panel's response must be on or after",
    ),
    "panel_response_problems": Case(
        lambda r: referrals.record_panel_response(
            PanelSubmission.objects.get(referral=r.referral()),
            response="contested",
            response_date=None,
            acting_user=r.panel,
        ),
        lambda doc: _first_referral(doc)["national_panel"].update(
            response="contested", response_date=None
        ),
        "Enter the date of the response",
    ),
    "child_age_problems": Case(
        lambda r: referrals.change_child(
            Child.objects.filter(partnership=r.partnership)[0],
            acting_user=r.manager,
            age_years=5,
            age_months=3,
        ),
        lambda doc: doc["children"][0].update(age_years=5, age_months=3),
        "Give months of age only for a child under two: this child is 5",
    ),
    "decision_review_problems": Case(
        lambda r: referrals.record_decision(
            r.referral(),
            date=dt.date(2016, 4, 1),
            outcome="no_review",
            rationale="Invented.",
            acting_user=r.manager,
        ),
        lambda doc: _first_referral(doc)["decision"].update(outcome="no_review"),
        "A review was commissioned from this decision, so it cannot be a decision not to review",
    ),
    "review_state_problems": Case(
        lambda r: reviews.change_review(r.review(), acting_user=r.manager, commissioned=FUTURE),
        lambda doc: doc["reviews"][0].update(commissioned=FUTURE.isoformat()),
        "The commissioning date must be today or in the past",
    ),
    "publication_problems": Case(
        lambda r: reviews.withhold_review(
            _signed_off_review(r),
            decided_not_to_publish=None,
            reason="Invented.",
            acting_user=r.manager,
        ),
        lambda doc: doc["reviews"][0].update(
            status="not_published", published=None, publication=None
        ),
        "Enter the date the partnership decided not to publish the review",
    ),
    "family_contribution_problems": Case(
        lambda r: reviews.add_family_contribution(
            r.review(), member="Mother", date=FUTURE, acting_user=r.manager
        ),
        lambda doc: doc["reviews"][0]["family_contribution"].append(
            {"date": FUTURE.isoformat(), "member": "Mother", "facilitated_by": None, "note": ""}
        ),
        "The date of the contribution must be today or in the past",
    ),
    "document_problems": Case(
        lambda r: reviews.add_document(
            r.review(), kind="other", title="Report", published=FUTURE, acting_user=r.manager
        ),
        lambda doc: doc["reviews"][0]["documents"].append(
            {"kind": "other", "title": "Report", "url": None, "published": FUTURE.isoformat()}
        ),
        "The publication date must be today or in the past",
    ),
    "action_completion_problems": Case(
        lambda r: actionplans.change_action_status(
            r.action(), status="completed", completed=None, acting_user=r.manager
        ),
        lambda doc: _first_action(doc).update(status="completed", completed=None),
        "Enter the date the action was completed",
    ),
    "progress_update_problems": Case(
        lambda r: actionplans.add_progress_update(
            r.action(), date=FUTURE, text="Planned.", acting_user=r.manager
        ),
        lambda doc: _first_action(doc)["updates"].append(
            {"date": FUTURE.isoformat(), "text": "Planned."}
        ),
        "The date of the update must be today or in the past",
    ),
    "learning_event_problems": Case(
        lambda r: learning.record_learning_event(
            r.partnership, date=FUTURE, title="Briefing", attendance=3, acting_user=r.manager
        ),
        lambda doc: doc["learning_events"][0].update(date=FUTURE.isoformat()),
        "The date of the event must be today or in the past",
    ),
}


def test_every_rule_has_a_case_and_every_case_a_rule() -> None:
    assert set(CASES) == set(registered())


@pytest.fixture
def records(partnership: Partnership, acting_as: Callable[..., User]) -> Records:
    valid = document()
    valid["partnership"] = {"code": partnership.code, "name": partnership.name, "nation": "england"}
    import_document(valid)
    return Records(partnership, acting_as("manager"), acting_as("national_panel"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_form_refuses_what_breaks_the_rule(name: str, records: Records) -> None:
    case = CASES[name]
    with pytest.raises(ValidationError) as refused:
        case.in_a_form(records)
    assert case.message in str(refused.value.messages)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_import_refuses_what_breaks_the_rule(name: str) -> None:
    case = CASES[name]
    doc = document()
    case.in_a_document(doc)
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc)
    assert any(case.message in problem.message for problem in rejected.value.problems), [
        str(problem) for problem in rejected.value.problems
    ]
