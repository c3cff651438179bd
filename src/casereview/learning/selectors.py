"""Reads of themes, learning events and the learning reviews draw out, by whom they reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from casereview.accounts.models import User
from casereview.core.tenancy import active_membership, user_may
from casereview.learning.models import LearningEvent
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import LearningPoint, Review
from casereview.reviews.selectors import worked_on
from casereview.themes.models import Theme


def events_for(user: User, action: str = "view") -> QuerySet[LearningEvent]:
    return LearningEvent.objects.restrict(user, action)


@dataclass(frozen=True)
class PointInCommon:
    """A learning point as learning in common lists it: its text, and its review's title."""

    text: str
    review_title: str


@dataclass(frozen=True)
class ThemeInCommon:
    code: str
    label: str
    reviews: int
    points: list[PointInCommon]


def learning_in_common(
    reviews: QuerySet[Review], start: dt.date, end: dt.date, *, points_from: QuerySet[Review]
) -> list[ThemeInCommon]:
    """For each theme, how many reviews worked on in the period carry it (report.md's count),
    and the learning points tagged with it (from `points_from`, the reviews whose learning the
    person may read), by their review's title. Two queries of plain values, however many
    reviews: no review, point or theme is made a model for the page."""
    counts = list(
        Theme.objects.filter(reviews__in=worked_on(reviews, start, end).values("pk"))
        .annotate(review_count=Count("reviews", distinct=True))
        .order_by("-review_count", "label")
        .values_list("pk", "code", "label", "review_count")
    )
    tagged = (
        LearningPoint.themes.through.objects.filter(
            learningpoint__review__in=worked_on(points_from, start, end).values("pk")
        )
        .order_by("learningpoint__review__title", "learningpoint__position", "learningpoint_id")
        .values_list(
            "theme_id",
            "theme__code",
            "theme__label",
            "learningpoint__text",
            "learningpoint__review__title",
        )
    )
    by_theme: dict[int, list[PointInCommon]] = {}
    names: dict[int, tuple[str, str]] = {}
    for theme, code, label, text, title in tagged:
        by_theme.setdefault(theme, []).append(PointInCommon(text, title))
        names[theme] = (code, label)
    counted = [
        ThemeInCommon(code, label, count, by_theme.get(pk, [])) for pk, code, label, count in counts
    ]
    # Learning tagged with a theme that no review carries is still learning: list it after.
    carried = {theme for theme, _, _, _ in counts}
    only_on_points = sorted((pk for pk in names if pk not in carried), key=lambda pk: names[pk][1])
    return counted + [ThemeInCommon(*names[pk], 0, by_theme[pk]) for pk in only_on_points]


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
