"""The review's actions still open, named before the review is signed off or published
(reviews/cautions.py)."""

from __future__ import annotations

from typing import Any

from casereview.actionplans.dashboard import shortened
from casereview.actionplans.selectors import actions_for
from casereview.reviews.cautions import caution
from casereview.reviews.models import Review


@caution
def actions_open(user: Any, review: Review) -> list[str]:
    actions = (
        actions_for(user)
        .open()
        .filter(recommendation__review=review)
        .order_by("recommendation__number", "position", "pk")
    )
    return [
        f"Action open: {shortened(action.text)} ({action.owner_agency.name}, recommendation "
        f"{action.recommendation.number}, {action.get_status_display().lower()})"
        for action in actions
    ]
