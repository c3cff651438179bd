from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.safestring import SafeString

from casereview.accounts.choices import Role
from casereview.core.fields import PartialDateAccessor, precision_field
from casereview.core.partialdates import PartialDate
from casereview.core.rules import refuse
from casereview.core.tenancy import PartnershipOwned, RestrictedQuerySet
from casereview.core.writes import today
from casereview.referrals.choices import Framework
from casereview.reviews import lifecycle, rules
from casereview.reviews.choices import (
    DocumentKind,
    Methodology,
    ParallelProcessKind,
    ParallelProcessStatus,
    ReviewStatus,
    ReviewType,
)
from casereview.themes.models import Theme


class ReviewQuerySet(RestrictedQuerySet["Review"]):
    def in_progress(self) -> Self:
        return self.filter(status__in=[ReviewStatus.ACTIVE, ReviewStatus.ON_HOLD])


class Review(PartnershipOwned):
    """A case review, from commissioning to publication."""

    external_key = models.CharField(max_length=100, blank=True)
    reference = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=200, help_text="As published, like Child J")
    type = models.CharField(max_length=32, choices=ReviewType.choices)
    methodology = models.CharField(max_length=24, choices=Methodology.choices, blank=True)
    methodology_note = models.TextField(blank=True)
    framework = models.CharField(max_length=12, choices=Framework.choices, blank=True)
    children = models.ManyToManyField("referrals.Child", related_name="reviews", blank=True)
    lead_reviewer = models.CharField(max_length=200, blank=True)
    commissioned = models.DateField()
    commissioned_precision = precision_field()
    signed_off = models.DateField(null=True, blank=True)
    signed_off_precision = precision_field()
    published = models.DateField(null=True, blank=True)
    published_precision = precision_field()
    status = models.CharField(
        max_length=14, choices=ReviewStatus.choices, default=ReviewStatus.ACTIVE, db_index=True
    )
    # Publication, or the reason not to (publish or explain): the final report goes to the
    # Panel and the Secretary of State before it is published.
    sent_to_panel = models.DateField(
        null=True,
        blank=True,
        help_text="The final report sent to the Panel and the Secretary of State before publication",
    )
    sent_to_panel_precision = precision_field()
    decided_not_to_publish = models.DateField(null=True, blank=True)
    decided_not_to_publish_precision = precision_field()
    not_published_reason = models.TextField(blank=True)
    published_instead = models.TextField(
        blank=True, help_text="What was published in its place, like a learning summary"
    )
    complete_by = models.DateField(
        null=True, blank=True, help_text="Six months after commissioning (kept by the services)"
    )
    delay_reason = models.TextField(
        blank=True, help_text="Why the review is taking longer than six months, for the board"
    )
    # While on hold: why, and since when (kept by the lifecycle; empty for a review imported
    # on hold, whose tracker said neither).
    hold_reason = models.TextField(blank=True, help_text="Why the review is on hold")
    held_since = models.DateField(null=True, blank=True, help_text="The day it was put on hold")
    summary = models.TextField(blank=True)
    themes = models.ManyToManyField("themes.Theme", related_name="reviews", blank=True)
    assigned_reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assigned_reviews", blank=True
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()  # type: ignore[misc]  # see PartnershipOwned.objects
    permission_resource = "reviews"

    commissioned_partial = PartialDateAccessor[PartialDate]("commissioned")
    signed_off_partial = PartialDateAccessor[PartialDate | None]("signed_off")
    published_partial = PartialDateAccessor[PartialDate | None]("published")
    sent_to_panel_partial = PartialDateAccessor[PartialDate | None]("sent_to_panel")
    decided_not_to_publish_partial = PartialDateAccessor[PartialDate | None](
        "decided_not_to_publish"
    )
    # Set for a page of the register (ReviewListView.rows_shown), not stored.
    theme_labels: list[str]

    class Meta:
        ordering = ["-commissioned", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "external_key"],
                condition=~Q(external_key=""),
                name="review_external_key_unique_in_partnership",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_signed_off(self) -> bool:
        """Whether the board has signed the review off (its date may not be known)."""
        return self.status in rules.SIGNED_OFF

    def clean(self) -> None:
        on_hold = self.status == ReviewStatus.ON_HOLD and self.pk is not None
        refuse(
            rules.review_state_problems(
                status=self.status,
                commissioned=self.commissioned_partial,
                signed_off=self.signed_off_partial,
                published=self.published_partial,
                parallel_processes=self.parallel_processes.count() if on_hold else 0,
                today=today(),
            )
            + rules.publication_problems(
                status=self.status,
                commissioned=self.commissioned_partial,
                sent_to_panel=self.sent_to_panel_partial,
                decided_not_to_publish=self.decided_not_to_publish_partial,
                reason=self.not_published_reason,
                today=today(),
            )
        )

    @property
    def publishes_within_six_months(self) -> bool:
        """Whether its six months run to publication (Working Together 2018 and later) rather
        than to completion."""
        return lifecycle.runs_to_publication(self.framework)

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        """Independent reviewers see only the reviews they are assigned to."""
        in_partnership = Q(partnership_id=membership.partnership_id)
        if membership.role == Role.REVIEWER:
            return in_partnership & Q(assigned_reviewers=membership.user_id)
        return in_partnership


class PublishedReview(Review):
    """A review as the library of published learning shows it: every partnership's published
    reviews, to everyone signed in to any partnership, and only what was published of them
    (its learning summary, learning points and themes: library.selectors)."""

    permission_resource = "published learning"
    # Set for a page of the library (library.views.LibraryView.rows_shown), not stored.
    snippet: SafeString

    class Meta:
        proxy = True

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        return Q(status=ReviewStatus.PUBLISHED)


class ReviewPart(models.Model):
    """A record that belongs to one review (and so to its partnership)."""

    review: Review  # each kind of part has its own foreign key to its review
    review_id: int

    class Meta:
        abstract = True

    @property
    def partnership(self) -> Any:
        """The audit trail files it under its review's partnership."""
        return self.review.partnership


class ParallelProcess(ReviewPart):
    """Criminal proceedings, an inquest or another process that can hold a review up."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="parallel_processes")
    kind = models.CharField(max_length=24, choices=ParallelProcessKind.choices)
    status = models.CharField(
        max_length=10, choices=ParallelProcessStatus.choices, default=ParallelProcessStatus.ONGOING
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    @property
    def is_ongoing(self) -> bool:
        return self.status == ParallelProcessStatus.ONGOING


class FamilyContribution(ReviewPart):
    """A family member's contribution to the review: when, who, and who made it possible."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="family_contributions"
    )
    date = models.DateField(null=True, blank=True)
    date_precision = precision_field()
    member = models.CharField(
        max_length=100, help_text="Their relationship to the child, like mother"
    )
    facilitated_by = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    date_partial = PartialDateAccessor[PartialDate | None]("date")

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.member

    def clean(self) -> None:
        refuse(rules.family_contribution_problems(date=self.date_partial, today=today()))


class ReviewDocument(ReviewPart):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=300)
    url = models.URLField(blank=True, max_length=500)
    published = models.DateField(null=True, blank=True)
    published_precision = precision_field()

    published_partial = PartialDateAccessor[PartialDate | None]("published")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        refuse(rules.document_problems(published=self.published_partial, today=today()))


class LearningPoint(models.Model):
    """A point of learning a review draws out, tagged with themes (moved here from learning:
    it is part of its review, which learning in common reads across)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="learning_points")
    text = models.TextField()
    themes = models.ManyToManyField(Theme, related_name="learning_points", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["review", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def partnership(self) -> Any:
        return self.review.partnership


class LearningSummary(ReviewPart):
    """The user-friendly learning summary (a "seven-minute briefing"): one or two pages composed
    from the review's summary, themes and learning points, with text its author edits."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="learning_summary")
    background = models.TextField(
        help_text="What happened, in a few sentences, without identifying detail"
    )
    why_it_matters = models.TextField(blank=True)
    questions = models.TextField(
        blank=True, help_text="Questions for practitioners to reflect on, one a line"
    )
    further_information = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    # Its text, as its author writes it: what the library searches and compares.
    TEXT = ("background", "why_it_matters", "questions", "further_information")

    def __str__(self) -> str:
        return f"Learning summary: {self.review}"

    def texts(self) -> list[str]:
        return [getattr(self, name) for name in self.TEXT]


class NationalReview(PartnershipOwned):
    """A national review the Child Safeguarding Practice Review Panel published ("The myth of
    invisible men", 2021), as one partnership records it to act on the recommendations that
    apply locally. Each partnership keeps its own copy; its recommendations and the actions
    under them are actionplans', as a local review's are."""

    title = models.CharField(max_length=200, help_text="As the Panel published it")
    published = models.DateField()
    published_precision = precision_field()
    summary = models.TextField(blank=True)
    link = models.URLField(blank=True, max_length=500, help_text="Where the Panel published it")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded = models.DateTimeField(auto_now_add=True)

    permission_resource = "national reviews"

    published_partial = PartialDateAccessor[PartialDate]("published")

    class Meta:
        ordering = ["-published", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        refuse(rules.national_review_problems(published=self.published_partial, today=today()))
