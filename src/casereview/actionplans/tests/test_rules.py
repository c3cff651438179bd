"""RAG, overdue and reminder rules at their boundaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from casereview.actionplans.rules import is_overdue, needs_reminder, rag, status_problem

TODAY = dt.date(2017, 3, 1)
D = dt.timedelta


@pytest.mark.parametrize(
    ("due", "last_update", "expected"),
    [
        (TODAY - D(days=1), TODAY, "red"),  # overdue yesterday, whatever the updates
        (TODAY, None, "amber"),  # due today is not overdue
        (TODAY + D(days=30), None, "amber"),  # due in exactly 30 days, never updated
        (TODAY + D(days=31), None, "green"),  # due in 31 days
        (TODAY + D(days=10), TODAY - D(days=30), "green"),  # updated exactly 30 days ago
        (TODAY + D(days=10), TODAY - D(days=31), "amber"),  # updated 31 days ago
        (TODAY + D(days=10), TODAY, "green"),
    ],
)
def test_rag_of_an_open_action(due: dt.date, last_update: dt.date | None, expected: str) -> None:
    assert rag("in_progress", due, last_update, TODAY) == expected
    assert rag("not_started", due, last_update, TODAY) == expected


@pytest.mark.parametrize("status", ["completed", "verified", "cancelled"])
def test_closed_actions_are_not_rated_nor_overdue(status: str) -> None:
    assert rag(status, TODAY - D(days=100), None, TODAY) is None
    assert not is_overdue(status, TODAY - D(days=100), TODAY)


def test_overdue_means_the_due_date_has_passed() -> None:
    assert not is_overdue("in_progress", TODAY, TODAY)
    assert is_overdue("in_progress", TODAY - D(days=1), TODAY)


def test_reminders_go_within_fourteen_days_or_when_overdue() -> None:
    assert needs_reminder("not_started", TODAY + D(days=14), TODAY)
    assert not needs_reminder("not_started", TODAY + D(days=15), TODAY)
    assert needs_reminder("in_progress", TODAY - D(days=200), TODAY)
    assert not needs_reminder("completed", TODAY, TODAY)


def problem(current: str, new: str, **kwargs: Any) -> tuple[str, str] | None:
    values: dict[str, Any] = {
        "completed": TODAY,
        "cancelled_reason": "",
        "today": TODAY,
        "verifier_in_group": True,
    }
    values.update(kwargs)
    return status_problem(current, new, **values)


def test_verified_only_from_completed_and_only_by_the_group() -> None:
    assert problem("completed", "verified") is None
    assert problem("in_progress", "verified") == (
        "status",
        "Only a completed action can be verified: its impact is signed off after completion",
    )
    assert problem("completed", "verified", verifier_in_group=False) == (
        "status",
        "Only members of the monitoring group can verify an action",
    )


def test_other_status_rules() -> None:
    assert problem("in_progress", "completed", completed=None) == (
        "completed",
        "Enter the date the action was completed",
    )
    assert problem("in_progress", "completed", completed=TODAY + D(days=1)) == (
        "completed",
        "The completion date must be today or in the past",
    )
    assert problem("in_progress", "cancelled") == (
        "cancelled_reason",
        "Enter why the action was cancelled",
    )
    assert problem("in_progress", "cancelled", cancelled_reason="Superseded") is None
    assert problem("verified", "in_progress") == (
        "status",
        "A verified action is closed and cannot change status",
    )
