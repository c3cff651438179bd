"""Reads of the scrutineer's comments, and of the records open to their comment, by whom
they reach.

The comments go through `restrict()`. The records they are on do not: a board and scrutiny
member may open no case (the permission table), so the records open to scrutiny are found by
the scrutiny line of the table, in the person's own partnership, and the scrutiny pages show
of them only what the scrutineer needs to comment (references, dates, recommendations,
outcomes and reasons; nothing of the children).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereview.accounts.models import User
from casereview.core.tenancy import active_membership, user_may
from casereview.referrals.models import Decision, RapidReview
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import Review
from casereview.scrutiny.choices import ScrutinyStatus
from casereview.scrutiny.models import RESOURCE, ScrutinyComment, on_field


def comments_for(user: User, action: str = "view") -> QuerySet[ScrutinyComment]:
    return ScrutinyComment.objects.restrict(user, action).select_related(
        "rapid_review__referral",
        "decision__referral",
        "review",
        "written_by",
        "responded_by",
    )


def with_status(comments: QuerySet[ScrutinyComment], status: str) -> QuerySet[ScrutinyComment]:
    awaiting = status == ScrutinyStatus.AWAITING
    return comments.filter(responded_on__isnull=awaiting)


def awaiting_response(user: User) -> QuerySet[ScrutinyComment]:
    """The comments the partnership has not answered, oldest first."""
    return with_status(comments_for(user), ScrutinyStatus.AWAITING).order_by("date", "pk")


def _partnership_open_to(user: User, action: str) -> int | None:
    """The partnership whose records the person may `action` scrutiny comments on."""
    membership = active_membership(user)
    if membership is None or not user_may(user, action, RESOURCE):
        return None
    return membership.partnership_id


def rapid_reviews_open(user: User, action: str = "view") -> QuerySet[RapidReview]:
    """The rapid reviews sent to the Panel, latest first."""
    partnership = _partnership_open_to(user, action)
    if partnership is None:
        return RapidReview.objects.none()
    return (
        RapidReview.objects.filter(partnership_id=partnership, sent_to_panel__isnull=False)
        .select_related("referral")
        .order_by("-sent_to_panel", "-pk")
    )


def decisions_open(user: User, action: str = "view") -> QuerySet[Decision]:
    """The decisions recorded whether to hold a review, latest first."""
    partnership = _partnership_open_to(user, action)
    if partnership is None:
        return Decision.objects.none()
    return (
        Decision.objects.filter(referral__partnership_id=partnership)
        .select_related("referral", "review")
        .order_by("-date", "-pk")
    )


def reviews_open(user: User, action: str = "view") -> QuerySet[Review]:
    """The reviews whose final report was sent to the Panel or published, or that the
    partnership decided not to publish, latest first."""
    partnership = _partnership_open_to(user, action)
    if partnership is None:
        return Review.objects.none()
    reported = (
        Q(sent_to_panel__isnull=False)
        | Q(published__isnull=False)
        | Q(status__in=[ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED])
    )
    return Review.objects.filter(reported, partnership_id=partnership).order_by(
        "-commissioned", "-pk"
    )


def comments_on(user: User, record: RapidReview | Decision | Review) -> list[ScrutinyComment]:
    """The comments on one record the person may see, oldest first.

    The record is at hand, so only the people named are joined: joining every kind of record
    a comment may be on cost PostgreSQL more to plan (3 ms) than to answer."""
    comments = ScrutinyComment.objects.restrict(user, "view").select_related(
        "written_by", "responded_by"
    )
    return list(comments.filter(**{on_field(record): record}).order_by("date", "pk"))
