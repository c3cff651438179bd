"""A review the board signed off on a date no one recorded (a partnership's own tracker often
does not hold it) is completed all the same: the date is left unknown, never invented. The
other rules of the sign-off date still hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.reviews import services
from casereview.reviews.rules import review_state_problems
from casereview.testing.records import make_review

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)
COMMISSIONED = PartialDate(dt.date(2016, 1, 4))


@pytest.mark.parametrize("status", ["completed", "not_published", "published"])
def test_a_signed_off_review_may_have_no_sign_off_date(status: str) -> None:
    published = PartialDate(dt.date(2017, 2, 1)) if status == "published" else None
    problems = review_state_problems(
        status=status,
        commissioned=COMMISSIONED,
        signed_off=None,
        published=published,
        parallel_processes=0,
        today=TODAY,
    )
    assert problems == []


@pytest.mark.parametrize(
    ("status", "signed_off", "message"),
    [
        ("completed", dt.date(2015, 12, 31), "on or after the date the review was commissioned"),
        ("completed", dt.date(2026, 11, 27), "The sign-off date must be today or in the past"),
        ("active", dt.date(2016, 9, 1), "A review that is active has not been signed off"),
    ],
)
def test_the_other_rules_of_the_sign_off_date_still_hold(
    status: str, signed_off: dt.date, message: str
) -> None:
    problems = review_state_problems(
        status=status,
        commissioned=COMMISSIONED,
        signed_off=PartialDate(signed_off),
        published=None,
        parallel_processes=0,
        today=TODAY,
    )
    assert [p.field for p in problems] == ["signed_off"]
    assert message in problems[0].message


def test_the_manager_records_a_sign_off_whose_date_is_not_known(
    acting_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    services.sign_off_review(review, signed_off=None, acting_user=acting_as("manager"))
    review.refresh_from_db()
    assert (review.status, review.signed_off) == ("completed", None)
    review.full_clean()
    services.publish_review(
        review, published=PartialDate(dt.date(2017, 2, 1)), acting_user=acting_as("manager")
    )
    review.refresh_from_db()
    assert (review.status, review.signed_off) == ("published", None)


def test_the_sign_off_page_takes_no_date_and_the_review_page_says_it_is_not_known(
    client_as: Callable, partnership: Partnership
) -> None:
    review = make_review(partnership)
    client = client_as("manager")
    url = reverse("reviews:transition", args=[review.pk, "complete"])
    assert "If the date is not known, leave it empty" in client.get(url).content.decode()
    response = client.post(
        url, {"signed_off_0": "", "signed_off_1": "", "signed_off_2": "", "go_ahead": "on"}
    )
    assert response.status_code == 302, response.content.decode()
    review.refresh_from_db()
    assert (review.status, review.signed_off) == ("completed", None)
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "Date not known" in page
