"""Home page panels for reviews: those past their six months, with the reason for the delay."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from casereview.accounts.choices import Role
from casereview.core.dashboard import Item, Panel, panel
from casereview.reviews.selectors import past_complete_by, reviews_for

SHOWN = 20


@panel(Role.MANAGER, Role.PANEL_MEMBER, Role.REVIEWER)
def reviews_past_six_months(user: Any) -> Panel:
    late = past_complete_by(reviews_for(user), timezone.localdate()).order_by("complete_by")
    return Panel(
        title="Reviews past their six months",
        items=[
            Item(
                text=f"{review.title}: due {due.day} {due:%B %Y}",
                href=reverse("reviews:review", args=[review.pk]),
                hint=f"Delay: {review.delay_reason}"
                if review.delay_reason
                else "No reason recorded for the delay: the board must be told",
            )
            for review in late[:SHOWN]
            if (due := review.complete_by) is not None  # past it, so it has one
        ],
        empty="Every review in progress is within six months of being commissioned.",
    )
