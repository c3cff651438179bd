"""Home page panels for reviews: those past their six months, with the reason for the delay.

Under Working Together 2018 and later the six months run to publication: a review signed off
but not yet published is late too, and one the partnership decided not to publish shows its
reason (publish or explain), after the reviews still to be published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.choices import Role
from casereview.core.dashboard import Item, Panel, panel
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import Review
from casereview.reviews.selectors import (
    held_words,
    hold_reason_words,
    past_complete_by,
    reviews_for,
)

SHOWN = 20


def _why(review: Review, today: dt.date) -> str:
    if review.status == ReviewStatus.ON_HOLD:
        return f"{held_words(review, today)}. {hold_reason_words(review)}"
    if review.status == ReviewStatus.NOT_PUBLISHED:
        return f"Not published: {review.not_published_reason}"
    if review.delay_reason:
        return f"Delay: {review.delay_reason}"
    return "No reason recorded for the delay: the board must be told"


@panel(Role.MANAGER, Role.PANEL_MEMBER, Role.REVIEWER)
def reviews_past_six_months(user: Any) -> Panel:
    today = timezone.localdate()
    late = past_complete_by(reviews_for(user), today).order_by(
        F("decided_not_to_publish").asc(nulls_first=True), "complete_by", "pk"
    )
    return Panel(
        title="Reviews past their six months",
        items=[
            Item(
                text=f"{review.title}: {'publish by' if review.publishes_within_six_months else 'due'} "
                f"{due.day} {due:%B %Y}",
                href=reverse("reviews:review", args=[review.pk]),
                hint=_why(review, today),
            )
            for review in late[:SHOWN]
            if (due := review.complete_by) is not None  # past it, so it has one
        ],
        empty="Every review in progress is within six months of being commissioned.",
    )
