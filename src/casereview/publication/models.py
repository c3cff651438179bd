"""What is checked and drawn from a review's text before it is published: the
identifying-details check of each version of a review document's file, its findings and what
the partnership decided about each; the names a partnership accepts in its published reports;
and the themes suggested from a review's text, each accepted or rejected by a person."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.choices import Role
from casereview.core.tenancy import PartnershipOwned
from casereview.documents.models import DocumentFile
from casereview.publication.choices import FindingKind, Resolution, SuggestionDecision
from casereview.reviews.models import Review
from casereview.themes.models import Theme


def _as_a_review_part(membership: Any, path: str) -> Q:
    """As the review's reach: an independent reviewer reaches only their reviews' records."""
    in_partnership = Q(partnership_id=membership.partnership_id)
    if membership.role == Role.REVIEWER:
        return in_partnership & Q(**{f"{path}__assigned_reviewers": membership.user_id})
    return in_partnership


class IdentifyingCheck(PartnershipOwned):
    """The identifying-details check of one version of a review document's file, run once its
    text has been read: with the pseudonyms and acceptable names it was checked against."""

    file = models.OneToOneField(
        DocumentFile, on_delete=models.CASCADE, related_name="identifying_check"
    )
    checked_at = models.DateTimeField()
    pseudonyms = models.JSONField(default=list)
    allowed = models.JSONField(default=list)

    permission_resource = "reviews"

    class Meta:
        ordering = ["file"]

    def __str__(self) -> str:
        return f"identifying-details check of {self.file}"

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        return _as_a_review_part(membership, "file__document__review")


class Finding(PartnershipOwned):
    """A word or words in a version's text that could identify a child or their family, where
    it was found, and what the partnership decided about it (who, when, and why)."""

    identifying_check = models.ForeignKey(
        IdentifyingCheck, on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(max_length=32, choices=FindingKind.choices)
    text = models.CharField(max_length=300)
    page = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField()
    context = models.TextField()
    resolution = models.CharField(
        max_length=16, choices=Resolution.choices, default=Resolution.OPEN
    )
    reason = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The earlier version's finding whose decision this one carries forward.
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    permission_resource = "reviews"

    class Meta:
        ordering = ["identifying_check", "page", "paragraph", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} “{self.text}” on page {self.page}"

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        return _as_a_review_part(membership, "identifying_check__file__document__review")

    @property
    def is_open(self) -> bool:
        return self.resolution == Resolution.OPEN


class AcceptableName(PartnershipOwned):
    """A name the partnership accepts in its published reports (an agency's, the reviewer's),
    which the identifying-details check does not find."""

    name = models.CharField(max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    permission_resource = "reviews"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="one_acceptable_name")
        ]

    def __str__(self) -> str:
        return self.name


class ThemeSuggestion(PartnershipOwned):
    """A theme of the taxonomy that a review's text supports, with the sentences that support
    it; it counts as the review's theme only once a person accepts it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="theme_suggestions")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    sentences = models.JSONField(default=list)
    score = models.FloatField()
    decision = models.CharField(
        max_length=16, choices=SuggestionDecision.choices, default=SuggestionDecision.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    permission_resource = "reviews"

    class Meta:
        ordering = ["review", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "theme"], name="one_suggestion_a_theme")
        ]

    def __str__(self) -> str:
        return f"{self.theme} suggested for {self.review}"

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        return _as_a_review_part(membership, "review")
