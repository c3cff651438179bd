"""Reads of documents and their files, each through `restrict()` by way of what the document
is part of: a review's (reviews_for) or a referral's (referrals_for)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from casereview.accounts.models import User
from casereview.documents.models import DocumentFile, ReferralFile
from casereview.referrals.models import ReferralDocument
from casereview.referrals.selectors import referral_documents_for
from casereview.reviews.models import ReviewDocument
from casereview.reviews.selectors import reviews_for


def documents_for(user: User, action: str = "view") -> QuerySet[ReviewDocument]:
    """The documents of the reviews in the person's reach for `action`."""
    return ReviewDocument.objects.filter(review__in=reviews_for(user, action)).select_related(
        "review"
    )


def files_for(user: User, action: str = "view") -> QuerySet[DocumentFile]:
    """The files of the review documents in the person's reach."""
    return (
        DocumentFile.objects.restrict(user, action)
        .filter(document__in=documents_for(user, action))
        .select_related("document", "uploaded_by")
    )


def referral_files_for(user: User, action: str = "view") -> QuerySet[ReferralFile]:
    """The files of the referral documents in the person's reach."""
    return (
        ReferralFile.objects.restrict(user, action)
        .filter(document__in=referral_documents_for(user, action))
        .select_related("document", "uploaded_by")
    )


def versions_of(document: ReviewDocument | ReferralDocument) -> QuerySet[Any]:
    """A document's files, newest first, with who uploaded each (the page that shows them has
    found the document in the person's reach)."""
    return (
        document.files.select_related("uploaded_by")
        .annotate(page_count=Count("pages"))
        .order_by("-version")
    )
