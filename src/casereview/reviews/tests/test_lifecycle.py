"""Every allowed transition of a review's lifecycle, and every refused one with its message."""

from __future__ import annotations

import datetime as dt
from itertools import product
from typing import Any

import pytest

from casereview.reviews import lifecycle
from casereview.reviews.lifecycle import ReviewFacts, refusals

TODAY = dt.date(2026, 11, 26)
COMMISSIONED = dt.date(2016, 1, 4)


def facts(status: str, **changes: Any) -> ReviewFacts:
    values: dict[str, Any] = {
        "status": status,
        "commissioned": COMMISSIONED,
        "today": TODAY,
        "ongoing_parallel_processes": 1,
        "signed_off": dt.date(2016, 9, 1),
        "published": dt.date(2016, 10, 1),
        "decided_not_to_publish": dt.date(2016, 10, 1),
        "reason": "Criminal trial pending.",
    }
    values.update(changes)
    return ReviewFacts(**values)


ALLOWED = {
    ("hold", "active"),
    ("resume", "on_hold"),
    ("complete", "active"),
    ("complete", "on_hold"),
    ("publish", "completed"),
    ("publish", "not_published"),
    ("withhold", "completed"),
}
STATUSES = ["active", "on_hold", "completed", "published", "not_published"]


@pytest.mark.parametrize(("transition", "status"), sorted(ALLOWED))
def test_each_allowed_transition_goes_through_when_its_guards_hold(
    transition: str, status: str
) -> None:
    assert refusals(transition, facts(status)) == []


REFUSED_BY_STATUS = sorted(set(product(lifecycle.TRANSITIONS, STATUSES)) - ALLOWED)


@pytest.mark.parametrize(("transition", "status"), REFUSED_BY_STATUS)
def test_each_transition_from_the_wrong_status_is_refused_saying_so(
    transition: str, status: str
) -> None:
    verb = lifecycle.TRANSITIONS[transition].verb
    words = lifecycle.STATUS_WORDS[status]
    assert refusals(transition, facts(status)) == [f"A review that is {words} cannot be {verb}"]


@pytest.mark.parametrize(
    ("transition", "status", "changes", "message"),
    [
        (
            "hold",
            "active",
            {"ongoing_parallel_processes": 0},
            "A review can be put on hold only while a parallel process is ongoing: record the "
            "criminal proceedings, inquest or other process first",
        ),
        ("hold", "active", {"reason": " "}, "Enter why the review is being put on hold"),
        (
            "complete",
            "on_hold",
            {"signed_off": dt.date(2015, 12, 31)},
            "The sign-off date must be on or after the date the review was commissioned",
        ),
        (
            "complete",
            "active",
            {"signed_off": dt.date(2026, 11, 27)},
            "The sign-off date must be today or in the past",
        ),
        ("publish", "completed", {"published": None}, "Enter the date the review was published"),
        (
            "publish",
            "completed",
            {"published": dt.date(2016, 8, 31)},
            "The publication date must be on or after the date the review was signed off",
        ),
        (
            "publish",
            "not_published",
            {"published": dt.date(2026, 11, 27)},
            "The publication date must be today or in the past",
        ),
        ("withhold", "completed", {"reason": "  "}, "Enter why the review will not be published"),
        (
            "withhold",
            "completed",
            {"decided_not_to_publish": None},
            "Enter the date the partnership decided not to publish the review",
        ),
    ],
)
def test_each_guard_refuses_with_its_message(
    transition: str, status: str, changes: dict, message: str
) -> None:
    assert refusals(transition, facts(status, **changes)) == [message]


@pytest.mark.parametrize("status", ["active", "on_hold"])
def test_a_review_is_signed_off_when_the_date_of_the_sign_off_is_not_known(status: str) -> None:
    # A partnership's own tracker often does not hold it: the report's notes say so.
    assert refusals("complete", facts(status, signed_off=None, published=None)) == []


def test_guards_on_the_boundary_let_the_transition_through() -> None:
    assert refusals("complete", facts("active", signed_off=COMMISSIONED)) == []
    assert refusals("complete", facts("active", signed_off=TODAY)) == []
    same_day = facts("completed", signed_off=dt.date(2016, 9, 1), published=dt.date(2016, 9, 1))
    assert refusals("publish", same_day) == []


@pytest.mark.parametrize(
    ("commissioned", "complete_by"),
    [
        (dt.date(2016, 1, 4), dt.date(2016, 7, 4)),
        (dt.date(2015, 8, 31), dt.date(2016, 2, 29)),  # no 31 February: the month's last day
        (dt.date(2014, 8, 31), dt.date(2015, 2, 28)),
        (dt.date(2016, 9, 30), dt.date(2017, 3, 30)),
        (dt.date(2016, 12, 31), dt.date(2017, 6, 30)),
    ],
)
def test_complete_by_is_six_months_after_commissioning(
    commissioned: dt.date, complete_by: dt.date
) -> None:
    assert lifecycle.complete_by(commissioned) == complete_by
