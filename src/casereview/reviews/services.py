"""Every change to reviews and what hangs off them. Each writes its audit row.

A review's status changes only through the lifecycle's transitions (reviews/lifecycle.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.accounts.models import Agency, Partnership, User
from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.concurrency import lock, refuse_if_stale
from casereview.core.partialdates import PartialDate
from casereview.core.tenancy import user_may
from casereview.learning.models import LearningPoint
from casereview.referrals.models import Child, Decision
from casereview.reviews import lifecycle
from casereview.reviews.choices import ParallelProcessStatus
from casereview.reviews.models import (
    FamilyContribution,
    LearningSummary,
    ParallelProcess,
    Review,
    ReviewDocument,
)
from casereview.themes.models import Theme

REVIEW_FIELDS = (
    "reference",
    "title",
    "type",
    "methodology",
    "methodology_note",
    "framework",
    "lead_reviewer",
    "commissioned",
    "commissioned_precision",
    "summary",
    "delay_reason",
)
STATUS_FIELDS = (
    "status",
    "signed_off",
    "signed_off_precision",
    "published",
    "published_precision",
    "not_published_reason",
)
PARTIAL_DATES = ("commissioned",)


def today() -> dt.date:
    return timezone.localdate()


def _check_same_partnership(partnership: Partnership, field: str, records: Any) -> None:
    for record in records:
        owner = record.partnership_id
        if owner is not None and owner != partnership.pk:
            raise ValidationError({field: ["Choose from your own partnership's records"]})


def _set_fields(review: Review, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name in PARTIAL_DATES:
            setattr(review, f"{name}_partial", PartialDate.coerce(value))
        elif name in REVIEW_FIELDS:
            setattr(review, name, value)
        else:
            raise ValueError(f"a review has no field {name!r} to set here")


def _check_commissioned(review: Review) -> None:
    if review.commissioned and review.commissioned > today():
        raise ValidationError(
            {"commissioned": ["The commissioning date must be today or in the past"]}
        )
    review.complete_by = lifecycle.complete_by(review.commissioned) if review.commissioned else None


def _relations(review: Review) -> dict[str, list[Any]]:
    return {
        "children": sorted(review.children.values_list("pk", flat=True)),
        "themes": sorted(review.themes.values_list("code", flat=True)),
    }


def create_review(
    partnership: Partnership,
    *,
    acting_user: Any,
    children: list[Child] | tuple = (),
    themes: list[Theme] | tuple = (),
    decision: Decision | None = None,
    **fields: Any,
) -> Review:
    """Commission a review; from a decision, the decision then names it."""
    with transaction.atomic():
        _check_same_partnership(partnership, "children", children)
        _check_same_partnership(partnership, "themes", themes)
        review = Review(partnership=partnership)
        _set_fields(review, fields)
        _check_commissioned(review)
        review.full_clean(exclude=["children", "themes", "assigned_reviewers"])
        review.save()
        review.children.set(children)
        review.themes.set(themes)
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=review,
            changes={"after": {**audit.snapshot(review, REVIEW_FIELDS), **_relations(review)}},
        )
        if decision is not None:
            if decision.referral.partnership_id != partnership.pk:
                raise ValidationError({"decision": ["That decision is another partnership's"]})
            decision.review = review
            decision.save(update_fields=["review"])
            audit.record(
                AuditAction.CHANGE,
                actor=acting_user,
                obj=decision,
                changes={"review": {"before": None, "after": review.pk}},
            )
    return review


def change_review(
    review: Review,
    *,
    acting_user: Any,
    children: list[Child] | None = None,
    themes: list[Theme] | None = None,
    read_at: int | None = None,
    **fields: Any,
) -> Review:
    with transaction.atomic():
        sent = {**fields, "children": children, "themes": themes}
        refuse_if_stale([review], read_at, sent)
        before = {**audit.snapshot(review, REVIEW_FIELDS), **_relations(review)}
        _set_fields(review, fields)
        _check_commissioned(review)
        if review.signed_off and review.signed_off < review.commissioned:
            raise ValidationError(
                {"commissioned": ["The commissioning date must be on or before the sign-off date"]}
            )
        review.full_clean(exclude=["children", "themes", "assigned_reviewers"])
        review.save()
        if children is not None:
            _check_same_partnership(review.partnership, "children", children)
            review.children.set(children)
        if themes is not None:
            _check_same_partnership(review.partnership, "themes", themes)
            review.themes.set(themes)
        changed = audit.difference(
            before, {**audit.snapshot(review, REVIEW_FIELDS), **_relations(review)}
        )
        if changed:
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=review, changes=changed)
    return review


# The lifecycle


def _facts(review: Review, **request: Any) -> lifecycle.ReviewFacts:
    ongoing = review.parallel_processes.filter(status=ParallelProcessStatus.ONGOING).count()
    return lifecycle.ReviewFacts(
        status=review.status,
        commissioned=review.commissioned,
        today=today(),
        ongoing_parallel_processes=ongoing,
        signed_off=request.get("signed_off", review.signed_off),
        published=request.get("published", review.published),
        reason=request.get("reason", ""),
    )


def _transition(
    review: Review,
    name: str,
    *,
    acting_user: Any,
    error_field: str,
    apply: Callable[[Review], None] = lambda review: None,
    **request: Any,
) -> Review:
    """Move the review along its lifecycle if the guards allow, recording what changed.

    A person whose role may not take the step is refused; `acting_user=None` is the system.
    """
    transition = lifecycle.TRANSITIONS[name]
    if acting_user is not None and not user_may(acting_user, *transition.permission):
        raise PermissionDenied(f"Your role may not {transition.permission[0]} reviews")
    with transaction.atomic():
        refused = lifecycle.refusals(name, _facts(review, **request))
        if refused:
            raise ValidationError({error_field: refused})
        before = audit.snapshot(review, STATUS_FIELDS)
        review.status = transition.target
        apply(review)
        review.save()
        changed = audit.difference(before, audit.snapshot(review, STATUS_FIELDS))
        audit.record(AuditAction.CHANGE, actor=acting_user, obj=review, changes=changed)
    return review


def hold_review(review: Review, *, acting_user: Any) -> Review:
    return _transition(review, "hold", acting_user=acting_user, error_field="status")


def resume_review(review: Review, *, acting_user: Any) -> Review:
    return _transition(review, "resume", acting_user=acting_user, error_field="status")


def sign_off_review(
    review: Review, *, signed_off: PartialDate | dt.date | None, acting_user: Any
) -> Review:
    """The board signed the review off: it is completed."""
    date = PartialDate.coerce(signed_off)
    return _transition(
        review,
        "complete",
        acting_user=acting_user,
        error_field="signed_off",
        signed_off=date.first_day if date else None,
        apply=lambda r: setattr(r, "signed_off_partial", date),
    )


def publish_review(
    review: Review, *, published: PartialDate | dt.date | None, acting_user: Any
) -> Review:
    date = PartialDate.coerce(published)
    return _transition(
        review,
        "publish",
        acting_user=acting_user,
        error_field="published",
        published=date.first_day if date else None,
        apply=lambda r: setattr(r, "published_partial", date),
    )


def withhold_review(review: Review, *, reason: str, acting_user: Any) -> Review:
    """The review will not be published, for the reason given."""
    return _transition(
        review,
        "withhold",
        acting_user=acting_user,
        error_field="reason",
        reason=reason,
        apply=lambda r: setattr(r, "not_published_reason", reason.strip()),
    )


# What hangs off a review


def _record_part(part: Any, acting_user: Any, fields: tuple[str, ...]) -> None:
    part.full_clean()
    part.save()
    audit.record(
        AuditAction.CREATE,
        actor=acting_user,
        obj=part,
        changes={"after": audit.snapshot(part, fields), "review": part.review_id},
    )


def add_parallel_process(
    review: Review, *, kind: str, status: str, note: str = "", acting_user: Any
) -> ParallelProcess:
    with transaction.atomic():
        process = ParallelProcess(review=review, kind=kind, status=status, note=note)
        _record_part(process, acting_user, ("kind", "status", "note"))
    return process


def conclude_parallel_process(process: ParallelProcess, *, acting_user: Any) -> ParallelProcess:
    with transaction.atomic():
        before = process.status
        process.status = ParallelProcessStatus.CONCLUDED
        process.save(update_fields=["status"])
        audit.record(
            AuditAction.CHANGE,
            actor=acting_user,
            obj=process,
            changes={"status": {"before": before, "after": process.status}},
        )
    return process


def add_family_contribution(
    review: Review,
    *,
    member: str,
    date: PartialDate | dt.date | None = None,
    facilitated_by: Agency | None = None,
    note: str = "",
    acting_user: Any,
) -> FamilyContribution:
    with transaction.atomic():
        date = PartialDate.coerce(date)
        if date and date.first_day > today():
            raise ValidationError(
                {"date": ["The date of the contribution must be today or in the past"]}
            )
        if facilitated_by is not None:
            _check_same_partnership(review.partnership, "facilitated_by", [facilitated_by])
        contribution = FamilyContribution(
            review=review, member=member, facilitated_by=facilitated_by, note=note
        )
        contribution.date_partial = date
        _record_part(contribution, acting_user, ("date", "member", "facilitated_by", "note"))
    return contribution


def add_document(
    review: Review,
    *,
    kind: str,
    title: str,
    url: str = "",
    published: PartialDate | dt.date | None = None,
    acting_user: Any,
) -> ReviewDocument:
    with transaction.atomic():
        document = ReviewDocument(review=review, kind=kind, title=title, url=url)
        document.published_partial = PartialDate.coerce(published)
        _record_part(document, acting_user, ("kind", "title", "url", "published"))
    return document


def assign_reviewer(review: Review, user: User, *, acting_user: Any) -> None:
    """An independent reviewer sees and edits the reviews they are assigned to, and no other."""
    with transaction.atomic():
        if not user.memberships.filter(
            partnership=review.partnership, role="reviewer", is_active=True
        ).exists():
            raise ValidationError(
                {"reviewer": ["Choose an independent reviewer of your partnership"]}
            )
        review.assigned_reviewers.add(user)
        audit.record(
            AuditAction.CHANGE,
            actor=acting_user,
            obj=review,
            changes={"assigned_reviewers": {"added": user.username}},
        )


def record_delay_reason(
    review: Review, *, delay_reason: str, acting_user: Any, read_at: int | None = None
) -> Review:
    """Why a review is taking longer than six months: boards must be told of delays."""
    return change_review(
        review, acting_user=acting_user, read_at=read_at, delay_reason=delay_reason.strip()
    )


# Learning


def add_learning_point(
    review: Review, *, text: str, themes: list[Theme] | tuple = (), acting_user: Any
) -> LearningPoint:
    with transaction.atomic():
        _check_same_partnership(review.partnership, "themes", themes)
        position = review.learning_points.count() + 1
        point = LearningPoint(review=review, text=text.strip(), position=position)
        point.full_clean()
        point.save()
        point.themes.set(themes)
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=point,
            changes={
                "after": {"text": point.text, "themes": sorted(t.code for t in themes)},
                "review": review.pk,
            },
        )
    return point


def change_learning_point(
    point: LearningPoint, *, text: str, themes: list[Theme], acting_user: Any
) -> LearningPoint:
    with transaction.atomic():
        _check_same_partnership(point.review.partnership, "themes", themes)
        before = {"text": point.text, "themes": sorted(point.themes.values_list("code", flat=True))}
        point.text = text.strip()
        point.full_clean()
        point.save()
        point.themes.set(themes)
        after = {"text": point.text, "themes": sorted(t.code for t in themes)}
        if changed := audit.difference(before, after):
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=point, changes=changed)
    return point


def save_learning_summary(
    review: Review, *, acting_user: Any, read_at: int | None = None, **text: str
) -> LearningSummary:
    """Write or rewrite the review's learning summary text."""
    fields = ("background", "why_it_matters", "questions", "further_information")
    with transaction.atomic():
        if read_at is not None:  # someone may have written one since the form was opened
            lock(review)
        summary = LearningSummary.objects.filter(review=review).first()
        refuse_if_stale([summary], read_at, text)
        summary = summary or LearningSummary(review=review)
        before = audit.snapshot(summary, fields) if summary.pk else {}
        for name in fields:
            setattr(summary, name, text.get(name, "").strip())
        summary.full_clean()
        summary.save()
        after = audit.snapshot(summary, fields)
        if not before:
            audit.record(
                AuditAction.CREATE, actor=acting_user, obj=summary, changes={"after": after}
            )
        elif changed := audit.difference(before, after):
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=summary, changes=changed)
    return summary


def record_download(review: Review, *, what: str, acting_user: Any) -> None:
    audit.record(
        AuditAction.DOWNLOAD, actor=acting_user, obj=review, object_repr=f"{what}: {review}"
    )
