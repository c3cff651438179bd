"""Issue 14, the pages: what a person is told after adding to a review, why and how long a review
is on hold, and the warning before signing off or publishing with things still open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Partnership
from casereview.reviews import services
from casereview.reviews.models import Review
from casereview.testing.records import make_action, make_review

pytestmark = pytest.mark.django_db

SUCCESS = "govuk-notification-banner--success"


def banner(response: object) -> str:
    """The page a redirect lands on, which must carry a success banner: its text."""
    page = response.content.decode()  # type: ignore[attr-defined]
    assert SUCCESS in page, "no confirmation banner"
    return page


@pytest.mark.parametrize(
    ("url_name", "data", "confirmation"),
    [
        (
            "reviews:point-add",
            {"text": "Ask who else lives in the home."},
            "Learning point 2 has been added.",
        ),
        (
            "reviews:family-add",
            {"member": "grandmother", "date_0": "", "date_1": "5", "date_2": "2016"},
            "The family contribution (grandmother) has been recorded.",
        ),
        (
            "reviews:process-add",
            {"kind": "inquest", "status": "ongoing", "note": ""},
            "Inquest (ongoing) has been added to the review.",
        ),
    ],
)
def test_adding_to_a_review_confirms_what_was_added(
    client_as: Callable[..., Client],
    partnership: Partnership,
    url_name: str,
    data: dict[str, str],
    confirmation: str,
) -> None:
    review = make_review(partnership)
    response = client_as("manager").post(reverse(url_name, args=[review.pk]), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("reviews:review", args=[review.pk])
    assert confirmation in banner(response)


def hold(client: Client, review: Review, reason: str) -> object:
    return client.post(
        reverse("reviews:transition", args=[review.pk, "hold"]), {"hold_reason": reason}
    )


def test_putting_a_review_on_hold_asks_why_and_the_pages_show_it(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    review = make_review(partnership)  # commissioned in 2016: long past its six months
    client = client_as("manager")
    form = client.get(reverse("reviews:transition", args=[review.pk, "hold"])).content.decode()
    assert "Why it is being put on hold" in form
    refused = hold(client, review, "  ")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "Enter why the review is being put on hold" in refused.content.decode()  # type: ignore[attr-defined]
    review.refresh_from_db()
    assert review.status == "active"

    held = client.get(
        reverse("reviews:review", args=[review.pk])
    )  # before: the review is overdue by years
    assert "Overdue by" in held.content.decode()
    assert hold(client, review, "Waiting for the criminal trial to end.").status_code == 302  # type: ignore[attr-defined]
    review.refresh_from_db()
    today = timezone.localdate()
    assert (review.status, review.hold_reason, review.held_since) == (
        "on_hold",
        "Waiting for the criminal trial to end.",
        today,
    )
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert f"On hold since today, {today.day} {today:%B %Y}" in page
    assert "Reason: Waiting for the criminal trial to end" in page
    assert "Overdue by" not in page
    home = client.get(reverse("home")).content.decode()
    assert "Reason: Waiting for the criminal trial to end" in home
    assert "No reason recorded for the delay" not in home


def test_an_on_hold_review_says_how_long_it_has_been_held(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    review = make_review(partnership)
    services.hold_review(review, reason="The inquest.", acting_user=None)
    Review.objects.filter(pk=review.pk).update(
        held_since=timezone.localdate() - dt.timedelta(days=100)
    )
    page = client_as("manager").get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "(3 months)" in page
    assert "Overdue by" not in page
    services.resume_review(review, acting_user=None)
    review.refresh_from_db()
    assert (review.hold_reason, review.held_since) == ("", None)


def test_a_review_imported_on_hold_says_the_date_is_not_recorded_not_how_late_it_is(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    review = make_review(partnership)
    Review.objects.filter(pk=review.pk).update(status="on_hold")
    page = client_as("manager").get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "On hold (the date it was put on hold is not recorded)" in page
    assert "No reason was recorded when it was put on hold" in page
    assert "Overdue by" not in page


SIGN_OFF = {"signed_off_0": "1", "signed_off_1": "12", "signed_off_2": "2016"}


def test_signing_off_with_proceedings_ongoing_and_actions_open_warns_then_goes_ahead(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    review = make_review(partnership)  # criminal proceedings ongoing
    make_action(partnership, review=review)  # open, not started
    client = client_as("manager")
    url = reverse("reviews:transition", args=[review.pk, "complete"])
    form = client.get(url).content.decode()
    assert "Child R still has 2 things open" in form
    assert "Criminal proceedings: still ongoing (Trial listed)" in form
    assert "Action open: Audit the recording of fathers in assessments (" in form
    assert "Sign it off with these still open" in form

    unconfirmed = client.post(url, SIGN_OFF)
    assert unconfirmed.status_code == 400
    assert "to go ahead, or go back to the review" in unconfirmed.content.decode()
    review.refresh_from_db()
    assert review.status == "active"  # nothing saved until the person confirms

    confirmed = client.post(url, {**SIGN_OFF, "go_ahead": "on"})
    assert confirmed.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.signed_off) == ("completed", dt.date(2016, 12, 1))

    publish = reverse("reviews:transition", args=[review.pk, "publish"])
    assert "Record publication with these still open" in client.get(publish).content.decode()


def test_with_nothing_open_sign_off_asks_no_confirmation(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    review = make_review(partnership)
    services.conclude_parallel_process(review.parallel_processes.get(), acting_user=None)
    client = client_as("manager")
    url = reverse("reviews:transition", args=[review.pk, "complete"])
    form = client.get(url).content.decode()
    assert "still open" not in form and "go_ahead" not in form
    assert client.post(url, SIGN_OFF).status_code == 302
