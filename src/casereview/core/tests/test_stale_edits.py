"""Two people open the same change form: the second save must not silently undo the first.

Each change form carries the version of the record it was read at. Person A opens a form,
Ann Smith opens the same form and saves a change, then A saves a change of their own from the
page they opened first: A is told who changed the record and when, with both values, nothing
of A's is saved, and A can redo the change from the page they are shown.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from casereview.accounts import services as account_services
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.actionplans.models import AgencyAction
from casereview.core.concurrency import Conflict, StaleEdit, version_of
from casereview.core.models import AuditEvent
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document
from casereview.referrals.models import Child, Decision, PanelSubmission, Referral
from casereview.referrals.services import change_referral
from casereview.reports.models import ReportNarrative, ReportSettings
from casereview.reviews.models import LearningSummary, Review
from casereview.scrutiny.models import ScrutinyComment
from casereview.scrutiny.services import comment_on
from casereview.testing.fixtures import signed_in
from casereview.testing.forms import form_values, opened, version_on
from casereview.testing.records import (
    make_action,
    make_contested_referral,
    make_referral,
    make_review,
)

pytestmark = pytest.mark.django_db

NARRATIVE_PERIOD = (
    "date_from_0=1&date_from_1=4&date_from_2=2016&date_to_0=31&date_to_1=3&date_to_2=2017"
)


@dataclass(frozen=True)
class Form:
    """One change form: how to make its record, where the form is, who may use it, and one
    field two people change in different ways."""

    url: Callable[[Partnership], str]
    role: str  # the demo user who opens it first; Ann Smith (the other) has `other_role`
    theirs: dict[str, Any]  # what Ann Smith sends
    yours: dict[str, Any]  # what the first person sends
    shown: tuple[str, str]  # (Ann Smith's value, the first person's) as the page shows them
    stored: Callable[[], Any]  # the value saved now
    values: tuple[Any, Any]  # the value stored after (Ann Smith's save, the first person's)
    other_role: str = "manager"


def newest(model: Any) -> Any:
    return model.objects.order_by("-pk").first()


def referral_url(name: str, record: Callable[[Partnership], Referral]) -> Callable[..., str]:
    return lambda p: reverse(f"referrals:{name}", args=[record(p).pk])


def review_url(name: str) -> Callable[..., str]:
    return lambda p: reverse(f"reviews:{name}", args=[make_review(p).pk])


FORMS: dict[str, Form] = {
    "local authority areas": Form(
        url=lambda p: reverse("accounts:local-authorities"),
        role="manager",
        theirs={"local_authorities": "Oxfordshire\nCherwell"},
        yours={"local_authorities": "Oxfordshire\nWest Oxfordshire"},
        shown=("Oxfordshire, Cherwell", "Oxfordshire, West Oxfordshire"),
        stored=lambda: Partnership.objects.get(code="OSCB").local_authorities,
        values=(["Oxfordshire", "Cherwell"], ["Oxfordshire", "West Oxfordshire"]),
    ),
    "referral": Form(
        url=referral_url("referral-change", make_referral),
        role="panel_member",
        theirs={"summary": "Ann's summary of the case."},
        yours={"summary": "Your summary of the case."},
        shown=("Ann's summary of the case.", "Your summary of the case."),
        stored=lambda: newest(Referral).summary,
        values=("Ann's summary of the case.", "Your summary of the case."),
    ),
    "child": Form(
        url=lambda p: reverse("referrals:child-change", args=[make_referral(p).children.get().pk]),
        role="panel_member",
        theirs={"pseudonym": "Child Ann"},
        yours={"pseudonym": "Child You"},
        shown=("Child Ann", "Child You"),
        stored=lambda: newest(Child).pseudonym,
        values=("Child Ann", "Child You"),
    ),
    "decision, recorded over another": Form(
        url=referral_url("decision", make_contested_referral),
        role="panel_member",
        theirs={"rationale": "Ann's reasons."},
        yours={"rationale": "Your reasons."},
        shown=("Ann's reasons.", "Your reasons."),
        stored=lambda: newest(Decision).rationale,
        values=("Ann's reasons.", "Your reasons."),
    ),
    "decision, first recorded while the form was open": Form(
        url=referral_url("decision", make_referral),
        role="panel_member",
        theirs={
            "date_0": "1",
            "date_1": "4",
            "date_2": "2016",
            "outcome": "no_review",
            "rationale": "Ann's reasons.",
        },
        yours={
            "date_0": "1",
            "date_1": "4",
            "date_2": "2016",
            "outcome": "no_review",
            "rationale": "Your reasons.",
        },
        shown=("Ann's reasons.", "Your reasons."),
        stored=lambda: newest(Decision).rationale,
        values=("Ann's reasons.", "Your reasons."),
    ),
    "submission to the national panel": Form(
        url=referral_url("submit-to-panel", make_contested_referral),
        role="panel_member",
        theirs={"submitted_0": "5"},
        yours={"submitted_0": "6"},
        shown=("5 April 2016", "6 April 2016"),
        stored=lambda: newest(PanelSubmission).submitted,
        values=(dt.date(2016, 4, 5), dt.date(2016, 4, 6)),
    ),
    "national panel's response": Form(
        url=lambda p: reverse(
            "referrals:submission", args=[make_contested_referral(p).panel_submission.pk]
        ),
        role="national_panel",
        other_role="national_panel",
        theirs={"note": "Ann's note."},
        yours={"note": "Your note."},
        shown=("Ann's note.", "Your note."),
        stored=lambda: newest(PanelSubmission).response_note,
        values=("Ann's note.", "Your note."),
    ),
    "local response to a challenge": Form(
        url=referral_url("local-response", make_contested_referral),
        role="panel_member",
        theirs={"local_response": "Ann's account."},
        yours={"local_response": "Your account."},
        shown=("Ann's account.", "Your account."),
        stored=lambda: newest(PanelSubmission).local_response,
        values=("Ann's account.", "Your account."),
    ),
    "review": Form(
        url=review_url("review-change"),
        role="panel_member",
        theirs={"title": "Child Ann"},
        yours={"title": "Child You"},
        shown=("Child Ann", "Child You"),
        stored=lambda: newest(Review).title,
        values=("Child Ann", "Child You"),
    ),
    "reason for a delay": Form(
        url=review_url("delay"),
        role="panel_member",
        theirs={"delay_reason": "Ann's reason."},
        yours={"delay_reason": "Your reason."},
        shown=("Ann's reason.", "Your reason."),
        stored=lambda: newest(Review).delay_reason,
        values=("Ann's reason.", "Your reason."),
    ),
    "learning summary": Form(
        url=review_url("learning-summary"),
        role="panel_member",
        theirs={"background": "Ann's background."},
        yours={"background": "Your background."},
        shown=("Ann's background.", "Your background."),
        stored=lambda: newest(LearningSummary).background,
        values=("Ann's background.", "Your background."),
    ),
    "agency": Form(
        url=lambda p: reverse(
            "accounts:agency-change", args=[Agency.objects.filter(partnership=p)[0].pk]
        ),
        role="manager",
        theirs={"name": "Ann's agency"},
        yours={"name": "Your agency"},
        shown=("Ann's agency", "Your agency"),
        stored=lambda: Agency.objects.filter(name__in=["Ann's agency", "Your agency"]).get().name,
        values=("Ann's agency", "Your agency"),
    ),
    "person": Form(
        url=lambda p: reverse(
            "accounts:person-change",
            args=[Membership.objects.get(partnership=p, user__username="scrutiny@OSCB").pk],
        ),
        role="manager",
        theirs={"full_name": "Sam Ann"},
        yours={"full_name": "Sam You"},
        shown=("Sam Ann", "Sam You"),
        stored=lambda: User.objects.get(username="scrutiny@OSCB").full_name,
        values=("Sam Ann", "Sam You"),
    ),
    "action's status": Form(
        url=lambda p: reverse("actionplans:action-status", args=[make_action(p).pk]),
        role="agency_lead",
        theirs={"status": "in_progress"},
        yours={"status": "cancelled", "cancelled_reason": "No longer needed."},
        shown=("In progress", "Cancelled"),
        stored=lambda: newest(AgencyAction).status,
        values=("in_progress", "cancelled"),
    ),
    "response to a scrutiny comment": Form(
        url=lambda p: reverse(
            "scrutiny:respond",
            args=[
                comment_on(make_contested_referral(p).decision, text="Why?", acting_user=None).pk
            ],
        ),
        role="manager",
        theirs={"response": "Ann's response."},
        yours={"response": "Your response."},
        shown=("Ann's response.", "Your response."),
        stored=lambda: newest(ScrutinyComment).response,
        values=("Ann's response.", "Your response."),
        other_role="panel_member",
    ),
    "report narrative": Form(
        url=lambda p: reverse("reports:narrative") + "?" + NARRATIVE_PERIOD,
        role="manager",
        theirs={"national_context": "Ann's context."},
        yours={"national_context": "Your context."},
        shown=("Ann's context.", "Your context."),
        stored=lambda: newest(ReportNarrative).national_context,
        values=("Ann's context.", "Your context."),
    ),
    "report settings": Form(
        url=lambda p: reverse("reports:narrative") + "?" + NARRATIVE_PERIOD,
        role="manager",
        theirs={"author": "Ann's author"},
        yours={"author": "Your author"},
        shown=("Ann's author", "Your author"),
        stored=lambda: newest(ReportSettings).author,
        values=("Ann's author", "Your author"),
    ),
}


@pytest.fixture
def ann_smith(partnership: Partnership) -> Callable[[str], Client]:
    """Another person of the partnership, with the role asked for, signed in."""

    def sign_in(role: str) -> Client:
        agency = None
        if role == "national_panel":
            agency = Membership.objects.get(partnership=partnership, role=role).agency
        membership = account_services.add_person(
            partnership,
            username=f"ann.smith.{role}",
            full_name="Ann Smith",
            email="ann.smith@example.org",
            role=role,
            agency=agency,
            password="an-invented-password-for-ann",
            acting_user=None,
        )
        return signed_in(membership.user)

    return sign_in


def words(response: Any) -> str:
    """The page's text as a person reads it: no markup, single spaces."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def writes() -> int:
    return AuditEvent.objects.filter(action__in=["create", "change"]).count()


def when(event: AuditEvent) -> str:
    at = timezone.localtime(event.occurred_at)
    return f"{at:%H:%M} on {at.day} {at:%B %Y}"


@pytest.mark.parametrize("name", FORMS)
def test_a_save_from_a_form_opened_before_someone_else_saved_is_refused_and_can_be_redone(
    client_as: Callable, ann_smith: Callable, partnership: Partnership, name: str
) -> None:
    form = FORMS[name]
    url = form.url(partnership)
    you = client_as(form.role)
    yours = opened(you, url, **form.yours)

    ann = ann_smith(form.other_role)
    saved = ann.post(url, opened(ann, url, **form.theirs))
    assert saved.status_code == 302, words(saved)
    assert form.stored() == form.values[0]
    anns_change = AuditEvent.objects.filter(actor__full_name="Ann Smith").latest("id")

    before = writes()
    refused = you.post(url, yours)
    assert refused.status_code == 409
    page = words(refused)
    assert (
        f"This record was changed by Ann Smith at {when(anns_change)} since you opened it" in page
    )
    theirs, mine = form.shown
    assert f"Their value (now saved) {theirs} Your value {mine}" in page
    assert form.stored() == form.values[0]  # Ann's change stands
    assert writes() == before  # and nothing was written for the refused save

    again = form_values(refused.content.decode())
    assert version_on(refused.content.decode()) == anns_change.pk
    redone = you.post(url, again)
    assert redone.status_code == 302, words(redone)
    assert form.stored() == form.values[1]


def test_a_change_to_a_field_the_person_did_not_touch_is_refused_too_and_shown(
    client_as: Callable, ann_smith: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    url = reverse("referrals:referral-change", args=[referral.pk])
    you = client_as("panel_member")
    yours = opened(you, url, summary="Your summary of the case.")
    ann = ann_smith("manager")
    ann.post(url, opened(ann, url, harm="serious_harm"))

    refused = you.post(url, yours)
    assert refused.status_code == 409
    page = words(refused)
    assert (
        "What happened to the child Their value (now saved) The child was seriously harmed "
        "Your value The child died" in page
    )
    assert page.count("Their value (now saved)") == 1  # none for the summary, which they kept
    referral.refresh_from_db()
    assert (referral.harm, referral.summary) == ("serious_harm", "Invented case for a test.")


@pytest.mark.parametrize("version", ["abc", "-1", "99999999999999999999", "1.5", ""])
def test_a_form_sent_with_a_version_that_is_not_one_it_was_given_is_refused_plainly(
    client_as: Callable, partnership: Partnership, version: str
) -> None:
    referral = make_referral(partnership)
    url = reverse("referrals:referral-change", args=[referral.pk])
    client = client_as("manager")
    response = client.post(url, opened(client, url, summary="Changed.", version=version))
    assert response.status_code == 400
    assert "Open the record again" in words(response)
    referral.refresh_from_db()
    assert referral.summary == "Invented case for a test."


def test_a_version_newer_than_the_record_is_refused_plainly(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    url = reverse("referrals:referral-change", args=[referral.pk])
    client = client_as("manager")
    data = opened(client, url, summary="Changed.")
    data["version"] = str(int(data["version"]) + 1000)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Open the record again" in words(response)
    referral.refresh_from_db()
    assert referral.summary == "Invented case for a test."


def test_a_form_carries_the_version_it_was_read_at_and_saves_with_it(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    url = reverse("referrals:referral-change", args=[referral.pk])
    client = client_as("manager")
    page = client.get(url).content.decode()
    newest_change = AuditEvent.objects.filter(
        object_type="referrals.referral", object_id=str(referral.pk)
    ).filter(action__in=["create", "change"])
    assert version_on(page) == newest_change.latest("id").pk

    response = client.post(url, {**form_values(page), "summary": "Changed."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.summary == "Changed."
    assert version_on(client.get(url).content.decode()) == newest_change.latest("id").pk


def test_a_change_the_import_made_while_the_form_was_open_refuses_the_save(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    url = reverse("referrals:referral-change", args=[referral.pk])
    you = client_as("manager")
    yours = opened(you, url, summary="Your summary of the case.")

    document = export_document(partnership)
    (row,) = [r for r in document["referrals"] if r["reference"] == referral.reference]
    row["summary"] = "The imported summary."
    import_document(document, actor_username="exchange@OSCB")

    refused = you.post(url, yours)
    assert refused.status_code == 409
    page = words(refused)
    assert "This record was changed by exchange@OSCB at" in page
    assert (
        "Their value (now saved) The imported summary. Your value Your summary of the case." in page
    )
    referral.refresh_from_db()
    assert referral.summary == "The imported summary."


def test_the_refusal_names_who_and_when_and_each_field_stored_and_sent(
    partnership: Partnership, demo_user: Callable, acting_as: Callable
) -> None:
    referral = make_referral(partnership)
    read_at = version_of([referral])
    change_referral(referral, acting_user=acting_as("manager"), summary="Theirs.")
    theirs = AuditEvent.objects.latest("id")

    with pytest.raises(StaleEdit) as refused:
        change_referral(
            Referral.objects.get(pk=referral.pk),
            acting_user=acting_as("panel_member"),
            read_at=read_at,
            summary="Yours.",
        )
    assert refused.value.changed_by == demo_user("manager").display_name
    assert refused.value.changed_at == theirs.occurred_at
    assert refused.value.version == theirs.pk == version_of([referral])
    assert refused.value.fields == {"summary": Conflict(stored="Theirs.", sent="Yours.")}
    assert Referral.objects.get(pk=referral.pk).summary == "Theirs."
    # Without a version (commands, the import) nothing is checked, as before.
    change_referral(referral, acting_user=None, summary="From a command.")
    assert Referral.objects.get(pk=referral.pk).summary == "From a command."
