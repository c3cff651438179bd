"""Every change to recommendations, actions and their progress. Each writes its audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.accounts.models import Agency
from casereview.actionplans import rules
from casereview.actionplans.models import AgencyAction, GroupMember, ProgressUpdate, Recommendation
from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.concurrency import refuse_if_stale
from casereview.core.partialdates import PartialDate
from casereview.reviews.models import Review

RECOMMENDATION_FIELDS = ("number", "text", "scope", "lead_agency", "monitored_by")
ACTION_FIELDS = (
    "text",
    "owner_agency",
    "due",
    "due_precision",
    "status",
    "completed",
    "completed_precision",
    "cancelled_reason",
)


def today() -> dt.date:
    return timezone.localdate()


def _same_partnership(partnership_id: int, field: str, agency: Agency | None) -> None:
    if agency is not None and agency.partnership_id != partnership_id:
        raise ValidationError({field: ["Choose one of your partnership's agencies"]})


def add_recommendation(
    review: Review,
    *,
    number: int,
    text: str,
    scope: str,
    monitored_by: str,
    lead_agency: Agency | None = None,
    acting_user: Any,
) -> Recommendation:
    with transaction.atomic():
        _same_partnership(review.partnership_id, "lead_agency", lead_agency)
        if review.recommendations.filter(number=number).exists():
            raise ValidationError({"number": [f"The review already has a recommendation {number}"]})
        recommendation = Recommendation(
            partnership=review.partnership,
            review=review,
            number=number,
            text=text.strip(),
            scope=scope,
            lead_agency=lead_agency,
            monitored_by=monitored_by,
        )
        recommendation.full_clean()
        recommendation.save()
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=recommendation,
            changes={"after": audit.snapshot(recommendation, RECOMMENDATION_FIELDS)},
        )
    return recommendation


def add_action(
    recommendation: Recommendation,
    *,
    text: str,
    owner_agency: Agency,
    due: PartialDate | dt.date,
    acting_user: Any,
) -> AgencyAction:
    with transaction.atomic():
        _same_partnership(recommendation.partnership_id, "owner_agency", owner_agency)
        action = AgencyAction(
            partnership_id=recommendation.partnership_id,
            recommendation=recommendation,
            text=text.strip(),
            owner_agency=owner_agency,
            position=recommendation.actions.count() + 1,
        )
        action.due_partial = PartialDate.coerce(due)
        action.full_clean()
        action.save()
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=action,
            changes={"after": audit.snapshot(action, ACTION_FIELDS)},
        )
    return action


def is_group_member(user: Any, action: AgencyAction) -> bool:
    return GroupMember.objects.filter(
        partnership_id=action.partnership_id,
        group=action.recommendation.monitored_by,
        user_id=getattr(user, "pk", None),
    ).exists()


def change_action_status(
    action: AgencyAction,
    *,
    status: str,
    completed: PartialDate | dt.date | None = None,
    cancelled_reason: str = "",
    acting_user: Any,
    read_at: int | None = None,
) -> AgencyAction:
    """Move an action on: verified only from completed, and only by the monitoring group."""
    completed = (
        completed
        if completed is None or isinstance(completed, PartialDate)
        else PartialDate(completed)
    )
    with transaction.atomic():
        sent = {"status": status, "completed": completed, "cancelled_reason": cancelled_reason}
        refuse_if_stale([action], read_at, sent)
        problem = rules.status_problem(
            action.status,
            status,
            completed=completed.first_day if completed else action.completed,
            cancelled_reason=cancelled_reason or action.cancelled_reason,
            today=today(),
            verifier_in_group=is_group_member(acting_user, action),
        )
        if problem is not None:
            raise ValidationError({problem[0]: [problem[1]]})
        before = audit.snapshot(action, ACTION_FIELDS)
        action.status = status
        if completed is not None:
            action.completed_partial = completed
        elif status not in rules.CLOSED_BY_COMPLETION:
            action.completed_partial = None  # reopened or cancelled: it was not completed
        if cancelled_reason:
            action.cancelled_reason = cancelled_reason.strip()
        if status == "verified":
            action.verified_by, action.verified_on = acting_user, today()
        action.full_clean()
        action.save()
        if changed := audit.difference(before, audit.snapshot(action, ACTION_FIELDS)):
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=action, changes=changed)
    return action


def add_progress_update(
    action: AgencyAction, *, date: dt.date, text: str, acting_user: Any
) -> ProgressUpdate:
    if date > today():
        raise ValidationError({"date": ["The date of the update must be today or in the past"]})
    if not text.strip():
        raise ValidationError({"text": ["Enter what has been done"]})
    with transaction.atomic():
        update = ProgressUpdate.objects.create(
            action=action,
            date=date,
            text=text.strip(),
            written_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        if action.last_update is None or date > action.last_update:
            action.last_update = date
            action.save(update_fields=["last_update"])
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=update,
            changes={"after": {"date": date.isoformat(), "text": update.text}, "action": action.pk},
        )
    return update


def seat_on_group(partnership: Any, *, group: str, user: Any, acting_user: Any) -> GroupMember:
    with transaction.atomic():
        member, created = GroupMember.objects.get_or_create(
            partnership=partnership, group=group, user=user
        )
        if created:
            audit.record(
                AuditAction.CREATE,
                actor=acting_user,
                obj=member,
                changes={"after": {"group": group, "user": user.username}},
            )
    return member


def record_export(what: str, *, acting_user: Any, obj: Any = None) -> None:
    audit.record(AuditAction.EXPORT, actor=acting_user, obj=obj, object_repr=what)
