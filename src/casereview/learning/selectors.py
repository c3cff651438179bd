"""Reads of themes, learning events and the learning reviews draw out, by whom they reach."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from casereview.accounts.models import User
from casereview.core.tenancy import active_membership, user_may
from casereview.learning.models import LearningEvent
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import Review
from casereview.reviews.selectors import ThemeInCommon, learning_in_common


def events_for(user: User, action: str = "view") -> QuerySet[LearningEvent]:
    return LearningEvent.objects.restrict(user, action)


def learning_in_common_for(
    user: User, start: dt.date, end: dt.date
) -> tuple[list[ThemeInCommon], bool]:
    """Learning in common as the person may see it, and whether it is published learning only.

    Its figures count every review of the partnership worked on in the period: a count by
    theme names no case. The learning points under each theme come from the reviews the
    person may open, and from published reviews, whose learning is public: someone who may
    open no review (board and scrutiny members) reads published learning only.
    """
    membership = active_membership(user)
    if membership is None or not user_may(user, "view", "learning"):
        return [], False
    counted = Review.objects.filter(partnership_id=membership.partnership_id)
    in_reach = Review.objects.restrict(user, "view").values("pk")
    readable = counted.filter(Q(pk__in=in_reach) | Q(status=ReviewStatus.PUBLISHED))
    themes = learning_in_common(counted, start, end, points_from=readable)
    return themes, not user_may(user, "view", "reviews")
