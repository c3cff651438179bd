from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.choices import Role
from casereview.core.tenancy import PartnershipOwned
from casereview.documents.choices import FileKind, TextState
from casereview.reviews.models import ReviewDocument


class DocumentFile(PartnershipOwned):
    """One version of a review document's file, kept in the documents storage (STORAGES
    "documents": a folder under the data directory, or an S3 bucket) under a name of the
    service's own, never the uploaded one. The newest version is the document's file."""

    document = models.ForeignKey(ReviewDocument, on_delete=models.CASCADE, related_name="files")
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=255, help_text="The file's name, as it was uploaded")
    kind = models.CharField(max_length=16, choices=FileKind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=300, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    uploaded_at = models.DateTimeField()
    # Its text, read in the background (documents.tasks) into its pages, for search.
    text_state = models.CharField(
        max_length=16, choices=TextState.choices, default=TextState.WAITING
    )
    text_problem = models.TextField(blank=True, help_text="Why its text cannot be read")

    # Who may see or add a document's files is who may see or change its review.
    permission_resource = "reviews"

    class Meta:
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="one_file_a_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version} of {self.document})"

    @property
    def text_was_read(self) -> bool:
        return self.text_state == TextState.READ

    @property
    def text_cannot_be_read(self) -> bool:
        return self.text_state == TextState.UNREADABLE

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        """As the review's: independent reviewers reach only their reviews' documents."""
        in_partnership = Q(partnership_id=membership.partnership_id)
        if membership.role == Role.REVIEWER:
            return in_partnership & Q(document__review__assigned_reviewers=membership.user_id)
        return in_partnership


class DocumentPage(PartnershipOwned):
    """The text of one page of a kept file (a Word document's pages are where Word last laid
    them out), for search."""

    file = models.ForeignKey(DocumentFile, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField()

    permission_resource = "reviews"

    class Meta:
        ordering = ["file", "number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="one_text_a_page")]

    def __str__(self) -> str:
        return f"page {self.number} of {self.file}"

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        in_partnership = Q(partnership_id=membership.partnership_id)
        if membership.role == Role.REVIEWER:
            return in_partnership & Q(file__document__review__assigned_reviewers=membership.user_id)
        return in_partnership
