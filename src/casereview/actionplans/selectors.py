"""Reads of actions: the monitoring pages, my agency's actions, spreadsheets and reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, OrderBy, Q, QuerySet
from django.db.models.functions import Coalesce

from casereview.accounts.models import Agency, User
from casereview.actionplans import rules
from casereview.actionplans.choices import OPEN_STATUSES, Rag
from casereview.actionplans.models import (
    ActionQuerySet,
    AgencyAction,
    GroupMember,
    ProgressUpdate,
    Recommendation,
)


def actions_for(user: User, action: str = "view") -> ActionQuerySet:
    return AgencyAction.objects.restrict(user, action).select_related(
        "owner_agency",
        "recommendation",
        "recommendation__review",
        "recommendation__national_review",
    )


# What a list shows of each action (its row: actionplans/templatetags/action_rows.py, and its
# rating): a page of fifty reads these columns only, not every column of four tables.
ROW_COLUMNS = (
    "text",
    "due",
    "due_precision",
    "status",
    "last_update",
    "owner_agency__name",
    "recommendation__number",
    "recommendation__review__title",
    "recommendation__national_review__title",
)


def as_rows(actions: ActionQuerySet) -> ActionQuerySet:
    """The actions with only what their rows show."""
    return actions.only(*ROW_COLUMNS)


def monitored_by(user: User, group: str) -> ActionQuerySet:
    """The actions in the person's reach whose recommendations the monitoring group follows.

    The recommendations are named by their partnership too, though the actions' partnership
    says the same: given it, the database reads the partnership's recommendations through its
    index rather than every partnership's of the group (ADR 18, action and learning pages)."""
    actions = actions_for(user).filter(recommendation__monitored_by=group)
    membership = user.active_membership
    if membership is None:
        return actions.none()
    return actions.filter(recommendation__partnership_id=membership.partnership_id)


def recommendations_for(user: User, action: str = "view") -> QuerySet[Recommendation]:
    return Recommendation.objects.restrict(user, action).select_related(
        "lead_agency", "review", "national_review"
    )


def statuses_offered(user: User, action: AgencyAction) -> list[str]:
    """The statuses the person may set on the action (rules.statuses_offered)."""
    in_group = GroupMember.objects.filter(
        partnership_id=action.partnership_id,
        group=action.recommendation.monitored_by,
        user_id=user.pk,
    ).exists()
    return rules.statuses_offered(action.status, verifier_in_group=in_group)


def rag_of(action: AgencyAction, today: dt.date) -> str | None:
    return rules.rag(action.status, action.due, action.last_update, today)


# The latest update first; one whose date is not known comes after every dated one.
LATEST_FIRST = (F("date").desc(nulls_last=True), "-pk")


def latest_updates(actions: list[AgencyAction]) -> dict[int, ProgressUpdate]:
    """Each action's most recent progress update, in one query: the latest dated one, or,
    when none is dated, the last recorded."""
    latest: dict[int, ProgressUpdate] = {}
    updates = ProgressUpdate.objects.filter(action__in=[a.pk for a in actions]).order_by(
        "action_id", *LATEST_FIRST
    )
    for update in updates:
        latest.setdefault(update.action_id, update)
    return latest


@dataclass(frozen=True)
class Row:
    """One action as the monitoring page, the spreadsheet and the report show it."""

    action: AgencyAction
    rag: str | None
    latest: ProgressUpdate | None


# The orders the monitoring page offers, and the order of an action plan. An action with no
# due date comes after those with one, on every database.
DUE: OrderBy = F("due").asc(nulls_last=True)
ORDERINGS: dict[str, list[str | OrderBy]] = {
    "due": [DUE, "pk"],
    "agency": ["owner_agency__name", DUE, "pk"],
    # A national review's actions by its title, among the local reviews'
    "review": [
        Coalesce("recommendation__review__title", "recommendation__national_review__title").asc(),
        "recommendation__number",
        "position",
        "pk",
    ],
}
PLAN_ORDER = ["recommendation__number", "position", "pk"]


def rating(rag: str, today: dt.date) -> Q:
    """The actions whose RAG rating today is `rag` (rules.rag, as a condition): open ones only,
    and one with no due date has none."""
    open_and_dated = Q(status__in=OPEN_STATUSES, due__isnull=False)
    if rag == Rag.RED:
        return open_and_dated & Q(due__lt=today)
    soon, quiet_since = (
        today + dt.timedelta(days=rules.AMBER_DAYS),
        today - dt.timedelta(days=rules.QUIET_DAYS),
    )
    amber = Q(due__gte=today, due__lte=soon) & (
        Q(last_update__isnull=True) | Q(last_update__lt=quiet_since)
    )
    if rag == Rag.AMBER:
        return open_and_dated & amber
    return open_and_dated & Q(due__gte=today) & ~amber


def rated(actions: QuerySet[AgencyAction], rag: str, today: dt.date) -> QuerySet[AgencyAction]:
    """The actions whose RAG rating today is `rag`."""
    return actions.filter(rating(rag, today))


@dataclass(frozen=True)
class Totals:
    """How many actions a list holds, on every page of it; how many of each rating, and how
    many open ones have no due date, so no rating."""

    all: int
    red: int
    amber: int
    green: int
    without_due_date: int

    @property
    def by_rating(self) -> dict[str, int]:
        return {Rag.RED: self.red, Rag.AMBER: self.amber, Rag.GREEN: self.green}


def totals_of(actions: QuerySet[AgencyAction], today: dt.date) -> Totals:
    """The list's totals, counted by the database in one query, whatever the page shown."""
    counted = actions.order_by().aggregate(
        all=Count("pk"),
        red=Count("pk", filter=rating(Rag.RED, today)),
        amber=Count("pk", filter=rating(Rag.AMBER, today)),
        green=Count("pk", filter=rating(Rag.GREEN, today)),
        without_due_date=Count("pk", filter=Q(status__in=OPEN_STATUSES, due__isnull=True)),
    )
    return Totals(**counted)


def rows_of(actions: Iterable[AgencyAction], today: dt.date) -> list[Row]:
    """The actions in their order (a queryset, or a page of one), RAG-rated, each with its
    latest update: two queries."""
    listed = list(actions)
    latest = latest_updates(listed)
    return [Row(a, rag_of(a, today), latest.get(a.pk)) for a in listed]


def monitoring_rows(actions: ActionQuerySet, today: dt.date) -> list[Row]:
    """The open actions, by due date, RAG-rated (monitoring's filter is actionplans.filters)."""
    return rows_of(actions.open().order_by(*ORDERINGS["due"]), today)


def agency_actions_for(user: User) -> tuple[Agency | None, ActionQuerySet]:
    """The agency the person acts for in their partnership, and its actions in their reach
    (none when their role names no agency)."""
    membership = user.active_membership
    agency = membership.agency if membership is not None else None
    if agency is None:
        return None, AgencyAction.objects.none()
    return agency, actions_for(user).filter(owner_agency=agency)


def due_for_reminder(today: dt.date) -> ActionQuerySet:
    """Open actions due within 14 days or overdue, across every partnership."""
    return AgencyAction.objects.open().filter(
        due__lte=today + dt.timedelta(days=rules.REMINDER_DAYS)
    )


def plan_rows(actions: QuerySet[AgencyAction], today: dt.date) -> list[Row]:
    """Every action of a plan, whatever its status, in the order of the recommendations."""
    return rows_of(actions.order_by(*PLAN_ORDER), today)


def needing_attention(actions: QuerySet[AgencyAction], today: dt.date) -> QuerySet[AgencyAction]:
    """The actions overdue or due soon without an update (red or amber), by due date."""
    return actions.filter(rating(Rag.RED, today) | rating(Rag.AMBER, today)).order_by(
        *ORDERINGS["due"]
    )
