"""What the exchange tests share: table counts, documents without their computed parts, and
every place in a document."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from django.apps import apps

from casereview.core.models import AuditEvent
from casereview.exchange.problems import Part

# Every table an import may write, counted before and after.
TABLES = (
    "accounts.Partnership",
    "accounts.Agency",
    "accounts.GlossaryTerm",
    "referrals.Child",
    "referrals.Referral",
    "referrals.Referral_children",
    "referrals.Decision",
    "referrals.PanelSubmission",
    "referrals.RapidReview",
    "referrals.RapidReview_agencies",
    "referrals.ReferenceCounter",
    "reviews.Review",
    "reviews.Review_children",
    "reviews.Review_themes",
    "reviews.ParallelProcess",
    "reviews.FamilyContribution",
    "reviews.ReviewDocument",
    "themes.Theme",
    "reviews.LearningPoint",
    "reviews.LearningPoint_themes",
    "learning.LearningEvent",
    "learning.LearningEvent_themes",
    "learning.LearningEvent_reviews",
    "learning.EventAttendance",
    "actionplans.Recommendation",
    "actionplans.AgencyAction",
    "actionplans.ProgressUpdate",
    "core.AuditEvent",
)


def table_counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in TABLES}


def last_audit_id() -> int | None:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()


def in_version_2(document: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document as the export writes the same records once imported afresh:
    version 2, with no rapid review, no matters for a local review and no publication."""
    found = copy.deepcopy(document)
    found["version"] = 2
    for referral in found["referrals"]:
        referral.setdefault("rapid_review", None)
        if referral["decision"] is not None:
            referral["decision"].setdefault("considerations", [])
    for review in found["reviews"]:
        review.setdefault("publication", None)
    return found


def without_computed(document: dict[str, Any], *, references: bool = False) -> dict[str, Any]:
    """The document less what the service computes: each referral's assessment, and (with
    `references`) the references it gives referrals imported without one."""
    found = copy.deepcopy(document)
    for referral in found["referrals"]:
        referral.pop("assessment", None)
        if references:
            referral["reference"] = None
    return found


def places(value: Any, parts: tuple[Part, ...] = ()) -> Iterator[tuple[Part, ...]]:
    """Every place in the document: the first two items of each list are enough."""
    yield parts
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*parts, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from places(item, (*parts, index))
