from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.core.rules import refuse
from casereview.core.tenancy import PartnershipOwned
from casereview.core.writes import today
from casereview.referrals.models import Decision, RapidReview
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import Review
from casereview.scrutiny import rules
from casereview.scrutiny.choices import ScrutinyStatus

RESOURCE = "scrutiny comments"  # the permission table's line

# What a comment may be on: its field, by the kind of record.
ON_FIELDS = ("rapid_review", "decision", "review")

# Exactly one of the three is named.
EXACTLY_ONE = (
    Q(rapid_review__isnull=False, decision__isnull=True, review__isnull=True)
    | Q(rapid_review__isnull=True, decision__isnull=False, review__isnull=True)
    | Q(rapid_review__isnull=True, decision__isnull=True, review__isnull=False)
)


def is_open_to_comment(record: Any) -> bool:
    """A rapid review sent to the Panel, a decision recorded, or a review whose final report
    was sent to the Panel or published, or that the partnership decided not to publish
    (publish or explain): what the scrutineer looks at."""
    if isinstance(record, RapidReview):
        return record.sent_to_panel is not None
    if isinstance(record, Review):
        return (
            record.sent_to_panel is not None
            or record.published is not None
            or record.status in (ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED)
        )
    return isinstance(record, Decision)


def on_field(record: Any) -> str:
    """The field of a comment that names `record` ("decision" for a Decision)."""
    for name in ON_FIELDS:
        if ScrutinyComment._meta.get_field(name).related_model is type(record):
            return name
    raise TypeError(f"No comment is on a {type(record).__name__}")


def partnership_of(record: Any) -> Any:
    """The partnership a record commented on belongs to (a decision, its referral's)."""
    return record.partnership


def partnership_id_of(record: Any) -> int:
    if isinstance(record, Decision):
        return record.referral.partnership_id
    return int(record.partnership_id)


class ScrutinyComment(PartnershipOwned):
    """The independent scrutineer's comment on a rapid review, a decision whether to hold a
    review, or a review's report; and the partnership's response to it.

    The records commented on are the exchange's, kept by an import that matches them; a
    record an import deletes takes its comments with it.
    """

    rapid_review = models.ForeignKey(
        RapidReview,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scrutiny_comments",
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="scrutiny_comments"
    )
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="scrutiny_comments"
    )
    text = models.TextField()
    date = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    permission_resource = RESOURCE

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=EXACTLY_ONE, name="scrutiny_comment_on_one_record")
        ]
        indexes = [models.Index(fields=["partnership", "responded_on"])]

    def __str__(self) -> str:
        return f"Scrutiny comment on {self.on_words}"

    @property
    def on(self) -> Any:
        """The record the comment is on."""
        return self.rapid_review or self.decision or self.review

    @property
    def on_words(self) -> str:
        """What it is on, in words: "the rapid review of 2024/001"."""
        if self.rapid_review_id is not None:
            return f"the rapid review of {self.rapid_review.referral.reference}"  # type: ignore[union-attr]
        if self.decision_id is not None:
            return f"the decision on {self.decision.referral.reference}"  # type: ignore[union-attr]
        if self.review_id is not None:
            return f"the report of {self.review.title}"  # type: ignore[union-attr]
        return "no record"

    @property
    def status(self) -> ScrutinyStatus:
        return ScrutinyStatus.RESPONDED if self.responded_on else ScrutinyStatus.AWAITING

    @property
    def awaits_response(self) -> bool:
        return self.status == ScrutinyStatus.AWAITING

    def clean(self) -> None:
        named = [getattr(self, f"{name}_id") for name in ON_FIELDS]
        record = self.on if sum(pk is not None for pk in named) == 1 else None
        refuse(
            rules.comment_problems(
                records_named=sum(pk is not None for pk in named),
                open_to_comment=record is not None and is_open_to_comment(record),
                text=self.text,
                date=self.date,
                response=self.response,
                responded_on=self.responded_on,
                today=today(),
            )
        )
        if (
            record is not None
            and self.partnership_id is not None
            and partnership_id_of(record) != self.partnership_id
        ):
            raise ValueError("A comment belongs to the partnership of the record it is on")
