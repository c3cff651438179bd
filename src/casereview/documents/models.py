from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.accounts.choices import Role
from casereview.core.tenancy import PartnershipOwned
from casereview.documents.choices import FileKind, TextState
from casereview.referrals.models import ReferralDocument
from casereview.reviews.models import ReviewDocument


class KeptFile(PartnershipOwned):
    """One version of a document's file, kept in the documents storage (STORAGES
    "documents": a folder under the data directory, or an S3 bucket) under a name of the
    service's own, never the uploaded one. The newest version is the document's file.

    What every kind of kept file has; each kind names its `document` (a foreign key, with
    `related_name="files"`), its pages' model and the permission line of what it is part of:
    restrict() reads the line from the model, so a review's files and a referral's are two."""

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

    document: Any  # each kind's foreign key to its document
    document_id: int
    pages: Any  # its pages (each kind's KeptPage, with `related_name="pages"`)
    page_model: ClassVar[Any]  # the model its pages are kept in (a KeptPage)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name} (version {self.version} of {self.document})"

    @property
    def text_was_read(self) -> bool:
        return self.text_state == TextState.READ

    @property
    def text_cannot_be_read(self) -> bool:
        return self.text_state == TextState.UNREADABLE


class KeptPage(PartnershipOwned):
    """The text of one page of a kept file (a Word document's pages are where Word last laid
    them out), for search. Each kind names its `file` (with `related_name="pages"`)."""

    number = models.PositiveIntegerField()
    text = models.TextField()

    file: Any  # each kind's foreign key to its file

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"page {self.number} of {self.file}"


class DocumentFile(KeptFile):
    """One version of a review document's file."""

    document = models.ForeignKey(ReviewDocument, on_delete=models.CASCADE, related_name="files")

    # Who may see or add a document's files is who may see or change its review.
    permission_resource = "reviews"

    class Meta:
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="one_file_a_version")
        ]

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        """As the review's: independent reviewers reach only their reviews' documents."""
        in_partnership = Q(partnership_id=membership.partnership_id)
        if membership.role == Role.REVIEWER:
            return in_partnership & Q(document__review__assigned_reviewers=membership.user_id)
        return in_partnership


class DocumentPage(KeptPage):
    """The text of one page of a review document's file."""

    file = models.ForeignKey(DocumentFile, on_delete=models.CASCADE, related_name="pages")

    permission_resource = "reviews"

    class Meta:
        ordering = ["file", "number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="one_text_a_page")]

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        in_partnership = Q(partnership_id=membership.partnership_id)
        if membership.role == Role.REVIEWER:
            return in_partnership & Q(file__document__review__assigned_reviewers=membership.user_id)
        return in_partnership


class ReferralFile(KeptFile):
    """One version of the file of a document an agency sent about a referred case."""

    document = models.ForeignKey(ReferralDocument, on_delete=models.CASCADE, related_name="files")

    # Who may see or add a referral document's files is who may see or change the referral:
    # its partnership's manager and subgroup members (the partnership is its reach).
    permission_resource = "referrals"

    class Meta:
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "version"], name="one_referral_file_a_version"
            )
        ]


class ReferralPage(KeptPage):
    """The text of one page of a referral document's file."""

    file = models.ForeignKey(ReferralFile, on_delete=models.CASCADE, related_name="pages")

    permission_resource = "referrals"

    class Meta:
        ordering = ["file", "number"]
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="one_referral_text_a_page")
        ]


DocumentFile.page_model = DocumentPage
ReferralFile.page_model = ReferralPage
