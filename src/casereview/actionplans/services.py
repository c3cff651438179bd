"""Every change to recommendations, actions and their progress. Each writes its audit row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Model

from casereview.accounts.models import Agency, Partnership, User
from casereview.actionplans import rules
from casereview.actionplans.choices import ActionStatus
from casereview.actionplans.mapping import ACTION, RECOMMENDATION
from casereview.actionplans.models import AgencyAction, GroupMember, ProgressUpdate, Recommendation
from casereview.core import audit, writes
from casereview.core.choices import AuditAction
from casereview.core.partialdates import PartialDate
from casereview.core.writes import today
from casereview.reviews.models import NationalReview, Review

RECOMMENDATION_FIELDS = RECOMMENDATION.stored_fields
# An action's facts, and why it was cancelled (which the exchange format does not hold).
ACTION_FIELDS = (*ACTION.stored_fields, "cancelled_reason")


def _same_partnership(partnership_id: int, field: str, agency: Agency | None) -> None:
    if agency is not None and agency.partnership_id != partnership_id:
        raise ValidationError({field: ["Choose one of your partnership's agencies"]})


def add_recommendation(
    review: Review | NationalReview,
    *,
    number: int,
    text: str,
    scope: str,
    monitored_by: str,
    lead_agency: Agency | None = None,
    acting_user: User | None,
) -> Recommendation:
    """A recommendation of a local review, or of a national review (the Panel's, which applies
    locally): numbered as in its report, once each."""
    with writes.acting(acting_user, ("add", "recommendations"), within=review) as act:
        _same_partnership(review.partnership_id, "lead_agency", lead_agency)
        if review.recommendations.filter(number=number).exists():
            raise ValidationError({"number": [f"The review already has a recommendation {number}"]})
        of = (
            {"national_review": review}
            if isinstance(review, NationalReview)
            else {"review": review}
        )
        recommendation = Recommendation(
            partnership=review.partnership,
            **of,
            number=number,
            text=text.strip(),
            scope=scope,
            lead_agency=lead_agency,
            monitored_by=monitored_by,
        )
        return act.create(recommendation, RECOMMENDATION_FIELDS)


def add_action(
    recommendation: Recommendation,
    *,
    text: str,
    owner_agency: Agency,
    due: PartialDate | dt.date | None = None,
    acting_user: User | None,
) -> AgencyAction:
    """An agency's action under the recommendation; its due date may not be known yet."""
    with writes.acting(acting_user, ("add", "actions"), within=recommendation) as act:
        _same_partnership(recommendation.partnership_id, "owner_agency", owner_agency)
        action = AgencyAction(
            partnership_id=recommendation.partnership_id,
            recommendation=recommendation,
            text=text.strip(),
            owner_agency=owner_agency,
            position=recommendation.actions.count() + 1,
        )
        action.due_partial = PartialDate.coerce(due)
        return act.create(action, ACTION_FIELDS)


def is_group_member(user: User | None, action: AgencyAction) -> bool:
    if user is None:
        return False  # the system sits on no group
    return GroupMember.objects.filter(
        partnership_id=action.partnership_id,
        group=action.recommendation.monitored_by,
        user_id=user.pk,
    ).exists()


def change_action_status(
    action: AgencyAction,
    *,
    status: str,
    completed: PartialDate | dt.date | None = None,
    cancelled_reason: str = "",
    acting_user: User | None,
    read_at: int | None = None,
) -> AgencyAction:
    """Move an action on: verified only from completed, and only by the monitoring group."""
    completed = (
        completed
        if completed is None or isinstance(completed, PartialDate)
        else PartialDate(completed)
    )
    sent = {"status": status, "completed": completed, "cancelled_reason": cancelled_reason}
    with writes.changing(
        acting_user, ("change", "actions"), action, ACTION_FIELDS, read_at=read_at, sent=sent
    ) as change:
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
        action.status = status
        if completed is not None:
            action.completed_partial = completed
        elif status not in rules.CLOSED_BY_COMPLETION:
            action.completed_partial = None  # reopened or cancelled: it was not completed
        if cancelled_reason:
            action.cancelled_reason = cancelled_reason.strip()
        if status == ActionStatus.VERIFIED:
            action.verified_by, action.verified_on = acting_user, today()
        change.save()
    return action


def add_progress_update(
    action: AgencyAction, *, date: dt.date | None, text: str, acting_user: User | None
) -> ProgressUpdate:
    """A note of what has been done; an update whose date is not known is kept, but gives the
    action no date of its last update (the amber rating reads that date)."""
    if not text.strip():
        raise ValidationError({"text": ["Enter what has been done"]})
    with writes.acting(acting_user, ("change", "actions"), within=action) as act:
        update = ProgressUpdate(action=action, date=date, text=text.strip(), written_by=acting_user)
        act.create(update, ("date", "text"), about={"action": action.pk})
        if date is not None and (action.last_update is None or date > action.last_update):
            action.last_update = date  # kept from the updates for the plan's RAG; their rows say it
            action.save(update_fields=["last_update"])
    return update


def seat_on_group(
    partnership: Partnership, *, group: str, user: User, acting_user: User | None
) -> GroupMember:
    """Seat a person on a monitoring group (only its members verify its actions): looking
    after the partnership's people."""
    with writes.acting(acting_user, ("change", "people"), within=partnership) as act:
        member = GroupMember.objects.filter(partnership=partnership, group=group, user=user).first()
        if member is not None:
            return member
        return act.create(
            GroupMember(partnership=partnership, group=group, user=user),
            ("group",),
            values={"user": lambda member: member.user.username},
        )


def record_export(what: str, *, acting_user: User | None, obj: Model | None = None) -> None:
    audit.record(AuditAction.EXPORT, actor=acting_user, obj=obj, object_repr=what)
