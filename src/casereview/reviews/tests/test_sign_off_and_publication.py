"""Signing a review off and publishing it are the partnership's acts, not the reviewer's.

An independent reviewer works on the reviews assigned to them, but the board signs a review off
and the partnership decides whether to publish it: the reviewer is refused (403, as their role
may not, though the review is within their reach) and is offered no such button.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casereview.accounts.models import Partnership, User
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.reviews import services
from casereview.reviews.models import Review
from casereview.testing.records import make_review

pytestmark = pytest.mark.django_db

# Each goes ahead with the criminal proceedings still ongoing, as the person confirms.
SIGN_OFF = {"signed_off_0": "1", "signed_off_1": "12", "signed_off_2": "2016", "go_ahead": "on"}
PUBLISH = {"published_0": "", "published_1": "2", "published_2": "2017", "go_ahead": "on"}
WITHHOLD = {"reason": "Publication would identify the surviving siblings."}
SIGN_OFF_BUTTON = "Record the board&#x27;s sign-off"
PUBLICATION_BUTTONS = ("Record publication", "Record that it will not be published")


def signed_off(review: Review) -> Review:
    services.sign_off_review(review, signed_off=PartialDate(dt.date(2016, 9, 1)), acting_user=None)
    review.refresh_from_db()
    return review


def changes_to(review: Review) -> int:
    return AuditEvent.objects.filter(
        object_type="reviews.review", object_id=str(review.pk), action="change"
    ).count()


def test_the_reviewer_cannot_sign_off_the_review_assigned_to_them(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    changes = changes_to(review)
    client = client_as("reviewer")
    url = reverse("reviews:transition", args=[review.pk, "complete"])
    assert client.get(url).status_code == 403
    assert client.post(url, SIGN_OFF).status_code == 403
    review.refresh_from_db()
    assert (review.status, review.signed_off) == ("active", None)
    assert changes_to(review) == changes


@pytest.mark.parametrize(("step", "data"), [("publish", PUBLISH), ("withhold", WITHHOLD)])
def test_the_reviewer_cannot_publish_or_withhold_it(
    step: str, data: dict[str, str], client_as: Callable, partnership: Partnership
) -> None:
    review = signed_off(make_review(partnership))
    response = client_as("reviewer").post(
        reverse("reviews:transition", args=[review.pk, step]), data
    )
    assert response.status_code == 403
    review.refresh_from_db()
    assert (review.status, review.published, review.not_published_reason) == (
        "completed",
        None,
        "",
    )


def test_the_reviewer_may_still_hold_the_review_while_proceedings_go_on(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    response = client_as("reviewer").post(
        reverse("reviews:transition", args=[review.pk, "hold"]), {"hold_reason": "The trial."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "on_hold"


def test_the_manager_signs_off_and_a_panel_member_publishes(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    signing = client_as("manager").post(
        reverse("reviews:transition", args=[review.pk, "complete"]), SIGN_OFF
    )
    publishing = client_as("panel_member").post(
        reverse("reviews:transition", args=[review.pk, "publish"]), PUBLISH
    )
    assert (signing.status_code, publishing.status_code) == (302, 302)
    review.refresh_from_db()
    assert (review.status, str(review.signed_off)) == ("published", "2016-12-01")


def test_the_reviewers_page_offers_no_sign_off_or_publication(
    client_as: Callable, partnership: Partnership
) -> None:
    active = make_review(partnership, title="Child R")
    completed = signed_off(make_review(partnership, title="Child V"))
    reviewer, manager = client_as("reviewer"), client_as("manager")

    def page(client: object, review: Review) -> str:
        return client.get(reverse("reviews:review", args=[review.pk])).content.decode()  # type: ignore[attr-defined]

    assert "Put on hold" in page(reviewer, active)
    assert SIGN_OFF_BUTTON not in page(reviewer, active)
    assert SIGN_OFF_BUTTON in page(manager, active)
    for button in PUBLICATION_BUTTONS:
        assert button not in page(reviewer, completed)
        assert button in page(manager, completed)


def test_the_service_refuses_the_reviewer_too(
    partnership: Partnership, demo_user: Callable[..., User]
) -> None:
    review = make_review(partnership)
    reviewer = demo_user("reviewer")
    reviewer.active_membership = reviewer.memberships.get(partnership=partnership)
    with pytest.raises(PermissionDenied):
        services.sign_off_review(review, signed_off=dt.date(2016, 12, 1), acting_user=reviewer)
    review.refresh_from_db()
    assert review.status == "active"
