"""The monitoring rules for agency actions. No Django here but the TextChoices (ADR 14).

RAG rating of an open action (not started or in progress), as the monitoring groups read it:
- red: overdue, its due date has passed;
- amber: due within 30 days and no progress update in the last 30 days;
- green: otherwise.
Actions that are completed, verified or cancelled are not rated, nor is an open action with no
due date (a tracker may not hold one): it is never overdue and never reminded about.
"""

from __future__ import annotations

import datetime as dt

from casereview.actionplans.choices import OPEN_STATUSES, ActionStatus, Rag
from casereview.core.partialdates import PartialDate
from casereview.core.rules import Problem, found, not_in_the_future, rule

AMBER_DAYS = 30
QUIET_DAYS = 30
REMINDER_DAYS = 14


def rag(
    status: str, due: dt.date | None, last_update: dt.date | None, today: dt.date
) -> str | None:
    if status not in OPEN_STATUSES or due is None:
        return None
    if due < today:
        return Rag.RED
    due_soon = (due - today).days <= AMBER_DAYS
    quiet = last_update is None or (today - last_update).days > QUIET_DAYS
    return Rag.AMBER if due_soon and quiet else Rag.GREEN


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    return status in OPEN_STATUSES and due is not None and due < today


def needs_reminder(status: str, due: dt.date | None, today: dt.date) -> bool:
    """Due within 14 days, or overdue, and still open."""
    return status in OPEN_STATUSES and due is not None and (due - today).days <= REMINDER_DAYS


def status_problem(
    current: str,
    new: str,
    *,
    completed: dt.date | None,
    cancelled_reason: str,
    today: dt.date,
    verifier_in_group: bool,
) -> tuple[str, str] | None:
    """(field, message) when the change of status cannot be made; None when it can."""
    if new == current:
        return None
    if new == ActionStatus.VERIFIED:
        if current != ActionStatus.COMPLETED:
            return (
                "status",
                "Only a completed action can be verified: its impact is signed off after completion",
            )
        if not verifier_in_group:
            return ("status", "Only members of the monitoring group can verify an action")
    if current == ActionStatus.VERIFIED:
        return ("status", "A verified action is closed and cannot change status")
    if new == ActionStatus.COMPLETED and completed is None:
        return ("completed", "Enter the date the action was completed")
    if completed is not None and completed > today:
        return ("completed", "The completion date must be today or in the past")
    if new == ActionStatus.CANCELLED and not cancelled_reason.strip():
        return ("cancelled_reason", "Enter why the action was cancelled")
    return None


CLOSED_BY_COMPLETION = (ActionStatus.COMPLETED, ActionStatus.VERIFIED)


def statuses_offered(current: str, *, verifier_in_group: bool) -> list[str]:
    """The statuses the status form offers a person: those `status_problem` would not refuse
    for who they are and where the action stands. Verified only for a completed action, and
    only to a member of its monitoring group; a verified action stays verified."""
    if current == ActionStatus.VERIFIED:
        return [ActionStatus.VERIFIED]
    may_verify = current == ActionStatus.COMPLETED and verifier_in_group
    return [s for s in ActionStatus if s != ActionStatus.VERIFIED or may_verify]


@rule("action")
def action_completion_problems(
    *, status: str, completed: PartialDate | None, today: dt.date
) -> list[Problem]:
    """A completed or verified action has the date it was completed; an action still open,
    or cancelled, has none; and the date is not in the future."""
    return found(
        Problem("completed", "Enter the date the action was completed")
        if status in CLOSED_BY_COMPLETION and completed is None
        else None,
        Problem(
            "completed",
            f"An action that is {ActionStatus(status).label.lower()} has not been completed: "
            "leave the completion date empty, or mark it completed",
        )
        if completed is not None and status not in CLOSED_BY_COMPLETION
        else None,
        not_in_the_future("completed", completed, today, "The completion date"),
    )


@rule("progress update")
def progress_update_problems(*, date: dt.date | None, today: dt.date) -> list[Problem]:
    """A progress update is dated to the day it was written (the format says so), never ahead;
    its date may be unknown."""
    return found(not_in_the_future("date", date, today, "The date of the update"))
