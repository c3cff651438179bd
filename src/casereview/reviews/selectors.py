"""Reads of reviews that pages, the home page and the report share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest

from casereview.accounts.models import User
from casereview.core.partialdates import time_left_words
from casereview.reviews import lifecycle, rules
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import (
    NationalReview,
    ParallelProcess,
    Review,
    ReviewQuerySet,
)


def reviews_for(user: User, action: str = "view") -> ReviewQuerySet:
    return Review.objects.restrict(user, action)


def national_reviews_for(user: User, action: str = "view") -> QuerySet[NationalReview]:
    """The national reviews the partnership has recorded, the latest published first, each
    with how many of its recommendations it has recorded."""
    return (
        NationalReview.objects.restrict(user, action)
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("-published", "-pk")  # an aggregate's query keeps no Meta.ordering
    )


def worked_on(reviews: QuerySet[Review], start: dt.date, end: dt.date) -> QuerySet[Review]:
    """Reviews worked on in the period (spec/report.md): commissioned on or before its end, and
    not finished before its start, where finished is the later of sign-off and publication
    (a review with neither is not finished). Partial dates count as their first day."""
    finished = Greatest(Coalesce("signed_off", "published"), Coalesce("published", "signed_off"))
    return (
        reviews.annotate(finished_on=finished)
        .filter(commissioned__lte=end)
        .filter(Q(finished_on__isnull=True) | Q(finished_on__gte=start))
    )


@dataclass(frozen=True)
class Timescale:
    complete_by: dt.date
    days: int  # calendar days left; negative when overdue
    applies: bool  # only reviews still in progress (or, from 2018, unpublished) can be late
    to_publication: bool = False  # Working Together 2018 and later: six months to publication

    @property
    def label(self) -> str:
        return "Publish by" if self.to_publication else "Complete by"

    @property
    def overdue(self) -> bool:
        return self.applies and self.days < 0

    @property
    def words(self) -> str:
        if not self.applies:
            return "Finished"
        return time_left_words(self.days)


def timescale(review: Review, today: dt.date) -> Timescale | None:
    if review.complete_by is None:
        return None
    return Timescale(
        review.complete_by,
        (review.complete_by - today).days,
        lifecycle.six_months_apply(review.framework, review.status),
        lifecycle.runs_to_publication(review.framework),
    )


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


def held_words(review: Review, today: dt.date) -> str:
    """How long an on-hold review has been held: "On hold since 3 March 2026 (12 days)", in
    place of how late it is; "" for a review not on hold."""
    if review.status != ReviewStatus.ON_HOLD:
        return ""
    since = review.held_since
    if since is None:  # imported on hold: its tracker said not since when
        return "On hold (the date it was put on hold is not recorded)"
    days = max((today - since).days, 0)
    if days == 0:
        return f"On hold since today, {since.day} {since:%B %Y}"
    months = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
    if days < 62:
        length = _count(days, "day")
    elif months < 24:
        length = _count(months, "month")
    else:
        length = _count(months // 12, "year")
    return f"On hold since {since.day} {since:%B %Y} ({length})"


def hold_reason_words(review: Review) -> str:
    """Why an on-hold review is held, as its page and the home page say it."""
    if review.hold_reason:
        return f"Reason: {review.hold_reason.rstrip('. ')}"
    return "No reason was recorded when it was put on hold"


def past_complete_by(reviews: ReviewQuerySet, today: dt.date) -> ReviewQuerySet:
    """Reviews past their six months: in progress; under Working Together 2018 and later,
    not published (signed off but not yet published, or decided not to publish)."""
    to_publication = Q(framework__in=lifecycle.SIX_MONTHS_TO_PUBLICATION) & Q(
        status__in=[ReviewStatus.COMPLETED, ReviewStatus.NOT_PUBLISHED]
    )
    in_progress = Q(status__in=lifecycle.IN_PROGRESS)
    return reviews.filter(in_progress | to_publication).filter(complete_by__lt=today)


def register(user: User) -> QuerySet[Review]:
    """The review register: the reviews in the person's reach, most recently commissioned
    first; its filter is reviews.filters.ReviewFilter."""
    return reviews_for(user).only(*REGISTER_ROW).order_by("-commissioned", "-pk")


# What a row of the review register shows (reviews.templatetags.review_rows.review_row).
REGISTER_ROW = ("title", "type", "commissioned", "commissioned_precision", "status")


def theme_labels_of(reviews: Sequence[Review]) -> dict[int, list[str]]:
    """The labels of each review's themes, in the taxonomy's order, by review id: one query
    of plain values, for a page of the register."""
    labels: dict[int, list[str]] = {}
    tagged = (
        Review.themes.through.objects.filter(review__in=[review.pk for review in reviews])
        .order_by("theme__group", "theme__label")
        .values_list("review_id", "theme__label")
    )
    for review_id, label in tagged:
        labels.setdefault(review_id, []).append(label)
    return labels


def parallel_processes_for(user: User, action: str = "view") -> QuerySet[ParallelProcess]:
    """The parallel processes of the reviews in the person's reach for `action`."""
    return ParallelProcess.objects.filter(review__in=reviews_for(user, action)).select_related(
        "review"
    )


def review_decision_not_known(review: Review) -> bool:
    """Whether the review is not published with its decision not to publish not known."""
    return rules.decision_not_to_publish_unknown(
        status=review.status,
        decided=review.decided_not_to_publish,
        reason=review.not_published_reason,
    )
