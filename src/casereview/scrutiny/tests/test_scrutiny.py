"""Independent scrutiny: the scrutineer comments on a rapid review sent to the Panel, a
decision whether to hold a review and a review's report; the partnership responds; each sees
what the other wrote, and no one else does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership, User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document
from casereview.referrals.choices import RapidReviewRecommendation
from casereview.referrals.models import RapidReview, Referral
from casereview.reviews import services as reviews
from casereview.reviews.models import Review
from casereview.scrutiny.choices import ScrutinyStatus
from casereview.scrutiny.models import ScrutinyComment
from casereview.scrutiny.services import comment_on, respond_to_comment
from casereview.testing.forms import opened
from casereview.testing.records import (
    make_contested_referral,
    make_rapid_review,
    make_review,
)

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 2, 1)


def reported_review(partnership: Partnership) -> Review:
    review = reviews.sign_off_review(
        make_review(partnership), signed_off=dt.date(2016, 6, 1), acting_user=None
    )
    return reviews.record_report_sent(review, sent_to_panel=dt.date(2016, 6, 2), acting_user=None)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def comment_through_the_page(client: Client, url: str, text: str) -> None:
    response = client.post(url, opened(client, url, text=text))
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def records(partnership: Partnership) -> tuple[RapidReview, Referral, Review]:
    return (
        make_rapid_review(partnership),
        make_contested_referral(partnership),
        reported_review(partnership),
    )


def test_the_scrutineer_comments_on_a_rapid_review_a_decision_and_a_review_and_sees_the_responses(
    records: tuple[RapidReview, Referral, Review], client_as: Callable[..., Client]
) -> None:
    rapid_review, referral, review = records
    scrutineer = client_as("scrutiny")
    comment_through_the_page(
        scrutineer,
        reverse("scrutiny:rapid-review", args=[rapid_review.pk]),
        "Was the police view recorded?",
    )
    comment_through_the_page(
        scrutineer,
        reverse("scrutiny:decision", args=[referral.decision.pk]),
        "Why no local review when the Panel contested it?",
    )
    comment_through_the_page(
        scrutineer, reverse("scrutiny:review", args=[review.pk]), "The report is late."
    )
    assert ScrutinyComment.objects.filter(partnership=rapid_review.partnership).count() == 3

    listed = page(scrutineer, reverse("scrutiny:comments") + f"?status={ScrutinyStatus.AWAITING}")
    assert "<strong>3</strong> comments match the filter" in listed
    assert f"The rapid review of {rapid_review.referral.reference}" in listed
    assert "3 comments are awaiting a response" in page(scrutineer, "/")

    # The manager is told, and responds through the page.
    manager = client_as("manager")
    home = page(manager, "/")
    assert "Scrutiny comments awaiting your response" in home
    comment = ScrutinyComment.objects.get(decision=referral.decision)
    url = reverse("scrutiny:respond", args=[comment.pk])
    assert url in home
    answer = "The subgroup met again and kept its decision."
    response = manager.post(url, opened(manager, url, response=answer))
    assert response.status_code == 302

    # The scrutineer sees the response, on the list and on the record's scrutiny page.
    responded = page(
        scrutineer, reverse("scrutiny:comments") + f"?status={ScrutinyStatus.RESPONDED}"
    )
    assert "<strong>1</strong> comment match the filter" in responded
    assert answer in responded
    assert answer in page(scrutineer, reverse("scrutiny:decision", args=[referral.decision.pk]))
    assert "2 comments are awaiting a response" in page(scrutineer, "/")


def test_the_comments_and_responses_show_on_the_referral_and_review_pages(
    records: tuple[RapidReview, Referral, Review], client_as: Callable[..., Client]
) -> None:
    rapid_review, referral, review = records
    scrutineer = User.objects.get(username="scrutiny@OSCB")
    scrutineer.active_membership = scrutineer.memberships.get()
    on_rapid_review = comment_on(rapid_review, text="Were schools asked?", acting_user=scrutineer)
    comment_on(referral.decision, text="Reasons are thin.", acting_user=scrutineer)
    comment_on(review, text="Learning summary please.", acting_user=scrutineer)
    respond_to_comment(on_rapid_review, response="Yes, both schools.", acting_user=None)

    manager = client_as("manager")
    shown = page(manager, reverse("referrals:referral", args=[rapid_review.referral.pk]))
    assert "Independent scrutiny" in shown
    assert "Were schools asked?" in shown and "Yes, both schools." in shown
    assert "Reasons are thin." in page(manager, reverse("referrals:referral", args=[referral.pk]))
    assert "Learning summary please." in page(manager, reverse("reviews:review", args=[review.pk]))
    # The reviewer assigned to the review sees its page, not the scrutiny of it.
    assert "Learning summary please." not in page(
        client_as("reviewer"), reverse("reviews:review", args=[review.pk])
    )


def test_another_partnerships_scrutineer_sees_nothing(
    records: tuple[RapidReview, Referral, Review], client_as: Callable[..., Client]
) -> None:
    rapid_review, referral, review = records
    comment_on(referral.decision, text="Reasons are thin.", acting_user=None)
    other = client_as("scrutiny", "NMSCP")
    assert "Reasons are thin." not in page(other, reverse("scrutiny:comments"))
    opened_records = page(other, reverse("scrutiny:open"))
    assert rapid_review.referral.reference not in opened_records
    assert review.title not in opened_records
    for url in (
        reverse("scrutiny:rapid-review", args=[rapid_review.pk]),
        reverse("scrutiny:decision", args=[referral.decision.pk]),
        reverse("scrutiny:review", args=[review.pk]),
    ):
        assert other.get(url).status_code == 404
        assert other.post(url, {"text": "Sneaky."}).status_code == 404
    assert "awaiting a response" not in page(other, "/")


@pytest.mark.parametrize("role", ["agency_lead", "reviewer"])
def test_agency_leads_and_reviewers_have_no_part_in_scrutiny(
    role: str, records: tuple[RapidReview, Referral, Review], client_as: Callable[..., Client]
) -> None:
    _rapid_review, referral, _review = records
    client = client_as(role)
    assert client.get(reverse("scrutiny:comments")).status_code == 403
    assert client.get(reverse("scrutiny:open")).status_code == 403
    assert client.get(reverse("scrutiny:decision", args=[referral.decision.pk])).status_code == 404
    assert "Scrutiny" not in [entry["text"] for entry in client.get("/").context["navigation"]]


def test_the_scrutineer_still_cannot_open_the_case(
    records: tuple[RapidReview, Referral, Review], client_as: Callable[..., Client]
) -> None:
    """The scrutiny pages show the rapid review's recommendation, never the child; the
    referral and review pages stay out of the scrutineer's reach (not found, as any record
    out of a person's reach)."""
    rapid_review, referral, review = records
    scrutineer = client_as("scrutiny")
    assert scrutineer.get(reverse("referrals:referral", args=[referral.pk])).status_code == 404
    assert scrutineer.get(reverse("reviews:review", args=[review.pk])).status_code == 404
    shown = page(scrutineer, reverse("scrutiny:rapid-review", args=[rapid_review.pk]))
    assert RapidReviewRecommendation.LCSPR.label in shown
    assert "22 January 2024" in shown  # the meeting
    child = rapid_review.referral.children.get().pseudonym
    assert child not in shown
    assert child not in page(scrutineer, reverse("scrutiny:open"))
    assert "Scrutiny" in [entry["text"] for entry in scrutineer.get("/").context["navigation"]]


def test_only_the_partnership_responds_and_only_the_scrutineer_and_manager_comment(
    records: tuple[RapidReview, Referral, Review], client_as: Callable[..., Client]
) -> None:
    _rapid_review, referral, _review = records
    comment = comment_on(referral.decision, text="Reasons are thin.", acting_user=None)
    respond = reverse("scrutiny:respond", args=[comment.pk])
    assert client_as("scrutiny").get(respond).status_code == 404
    assert client_as("panel_member").get(respond).status_code == 200
    decision_page = reverse("scrutiny:decision", args=[referral.decision.pk])
    panel = client_as("panel_member")
    assert "Record the comment" not in page(panel, decision_page)
    assert panel.post(decision_page, {"text": "Mine.", "date_0": "1"}).status_code == 403
    # A manager records a comment the scrutineer sent by email, with its date.
    manager = client_as("manager")
    sent = opened(manager, decision_page, text="By email.", date_0="3", date_1="2", date_2="2024")
    assert manager.post(decision_page, sent).status_code == 302
    assert ScrutinyComment.objects.get(text="By email.").date == dt.date(2024, 2, 3)


def test_a_record_not_yet_open_to_comment_is_refused(
    partnership: Partnership, client_as: Callable[..., Client]
) -> None:
    unsent = make_rapid_review(partnership, sent=False)
    assert (
        client_as("scrutiny").get(reverse("scrutiny:rapid-review", args=[unsent.pk])).status_code
        == 404
    )
    with pytest.raises(ValidationError, match="open to comment"):
        comment_on(unsent, text="Too soon.", acting_user=None)
    with pytest.raises(ValidationError, match="open to comment"):
        comment_on(make_review(partnership), text="Too soon.", acting_user=None)
    withheld = reviews.withhold_review(
        reviews.sign_off_review(make_review(partnership), signed_off=DAY, acting_user=None),
        decided_not_to_publish=DAY,
        reason="It would identify the siblings.",
        acting_user=None,
    )
    assert comment_on(withheld, text="Was a summary published instead?", acting_user=None).pk


def test_a_response_cannot_come_before_the_comment_nor_in_the_future(
    records: tuple[RapidReview, Referral, Review],
) -> None:
    _rapid_review, _referral, review = records
    comment = comment_on(review, text="Late.", date=DAY, acting_user=None)
    with pytest.raises(ValidationError, match="cannot come before the comment"):
        respond_to_comment(
            comment, response="Sorry.", responded_on=DAY - dt.timedelta(days=1), acting_user=None
        )
    with pytest.raises(ValidationError, match="today or in the past"):
        comment_on(review, text="From the future.", date=dt.date(2999, 1, 1), acting_user=None)


def test_comments_and_responses_are_audited(
    records: tuple[RapidReview, Referral, Review], acting_as: Callable[..., User]
) -> None:
    rapid_review, _referral, _review = records
    comment = comment_on(rapid_review, text="Who chaired?", acting_user=acting_as("scrutiny"))
    respond_to_comment(comment, response="The police.", acting_user=acting_as("manager"))
    rows = AuditEvent.objects.filter(
        object_type="scrutiny.scrutinycomment", object_id=str(comment.pk)
    ).order_by("id")
    assert [(row.action, row.actor and row.actor.username) for row in rows] == [
        (AuditAction.CREATE, "scrutiny@OSCB"),
        (AuditAction.CHANGE, "manager@OSCB"),
    ]
    assert rows[0].changes["after"]["text"] == "Who chaired?"
    assert rows[1].changes["response"] == {"before": "", "after": "The police."}


def test_the_exchange_leaves_scrutiny_out_and_a_reimport_keeps_the_comments(
    records: tuple[RapidReview, Referral, Review], partnership: Partnership
) -> None:
    rapid_review, referral, review = records
    for record in (rapid_review, referral.decision, review):
        comment_on(record, text="Kept?", acting_user=None)
    document = export_document(partnership)
    assert "Kept?" not in str(document)
    import_document(document)
    kept = ScrutinyComment.objects.filter(partnership=partnership)
    assert kept.count() == 3
    assert {c.on for c in kept} == {rapid_review, referral.decision, review}
