"""Reads of actions: the monitoring pages, my agency's actions, spreadsheets and reports."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from casereview.actionplans import rules
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation


def actions_for(user: Any, action: str = "view") -> QuerySet[AgencyAction]:
    return AgencyAction.objects.restrict(user, action).select_related(
        "owner_agency", "recommendation", "recommendation__review"
    )


def recommendations_for(user: Any, action: str = "view") -> QuerySet[Recommendation]:
    return Recommendation.objects.restrict(user, action).select_related("lead_agency", "review")


def rag_of(action: AgencyAction, today: dt.date) -> str | None:
    return rules.rag(action.status, action.due, action.last_update, today)


def latest_updates(actions: list[AgencyAction]) -> dict[int, Any]:
    """Each action's most recent progress update, in one query."""
    latest: dict[int, Any] = {}
    updates = ProgressUpdate.objects.filter(action__in=[a.pk for a in actions]).order_by(
        "action_id", "-date", "-pk"
    )
    for update in updates:
        latest.setdefault(update.action_id, update)
    return latest


@dataclass(frozen=True)
class Row:
    """One action as the monitoring page, the spreadsheet and the report show it."""

    action: AgencyAction
    rag: str | None
    latest: Any


def monitoring_rows(
    actions: QuerySet[AgencyAction],
    today: dt.date,
    *,
    agency: Any = None,
    review: Any = None,
    status: str = "",
    rag: str = "",
    sort: str = "due",
) -> list[Row]:
    """The open actions (or those of a status), filtered, RAG-rated and sorted."""
    if agency:
        actions = actions.filter(owner_agency=agency)
    if review:
        actions = actions.filter(recommendation__review=review)
    actions = actions.filter(status=status) if status else actions.open()
    if rag == rules.RED:
        actions = actions.filter(due__lt=today)
    elif rag in (rules.AMBER, rules.GREEN):
        soon, quiet_since = (
            today + dt.timedelta(days=rules.AMBER_DAYS),
            today - dt.timedelta(days=rules.QUIET_DAYS),
        )
        amber = Q(due__gte=today, due__lte=soon) & (
            Q(last_update__isnull=True) | Q(last_update__lt=quiet_since)
        )
        actions = (
            actions.filter(amber)
            if rag == rules.AMBER
            else actions.filter(due__gte=today).exclude(amber)
        )
    ordering = {
        "due": ["due", "pk"],
        "agency": ["owner_agency__name", "due", "pk"],
        "review": ["recommendation__review__title", "recommendation__number", "position", "pk"],
    }[sort]
    listed = list(actions.order_by(*ordering))
    latest = latest_updates(listed)
    return [Row(a, rag_of(a, today), latest.get(a.pk)) for a in listed]


def rag_totals(rows: list[Row]) -> dict[str, int]:
    counts = Counter(row.rag for row in rows)
    return {name: counts.get(name, 0) for name in (rules.RED, rules.AMBER, rules.GREEN)}


def due_for_reminder(today: dt.date) -> QuerySet[AgencyAction]:
    """Open actions due within 14 days or overdue, across every partnership."""
    return AgencyAction.objects.open().filter(
        due__lte=today + dt.timedelta(days=rules.REMINDER_DAYS)
    )


def plan_rows(actions: QuerySet[AgencyAction], today: dt.date) -> list[Row]:
    """Every action of a plan, whatever its status, in the order of the recommendations."""
    listed = list(actions.order_by("recommendation__number", "position", "pk"))
    latest = latest_updates(listed)
    return [Row(a, rag_of(a, today), latest.get(a.pk)) for a in listed]
