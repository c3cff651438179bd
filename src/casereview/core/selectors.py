"""Reads of the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from casereview.core.models import AuditEvent

if TYPE_CHECKING:
    from casereview.accounts.models import User


def audit_events_for(
    user: User,
    *,
    person: User | None = None,
    record: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit trail in the person's reach, newest first; narrowed as the trail's filter
    (core.filters.AuditFilter) narrows it."""
    events: QuerySet[AuditEvent] = AuditEvent.objects.restrict(user, "view").order_by("-id")
    if person is not None:
        events = by_person(events, person)
    if record:
        events = about_record(events, record)
    if date_from:
        events = on_or_after(events, date_from)
    if date_to:
        events = on_or_before(events, date_to)
    return events


def by_person(events: QuerySet[AuditEvent], person: User) -> QuerySet[AuditEvent]:
    """What the person did: by their account, which the index (actor, id) finds."""
    return events.filter(actor_id=person.pk)


def about_record(events: QuerySet[AuditEvent], record: str) -> QuerySet[AuditEvent]:
    """Rows about a record named by its type and number ("accounts.agency 4"), or whose
    record's name holds the words, or whose type is them. On PostgreSQL a trigram index on
    the record's name in capitals serves the words (ADR 0019); types are stored in lower case."""
    kind, _, number = record.strip().partition(" ")
    if number.strip().isdigit() and "." in kind:
        return events.filter(object_type=kind.lower(), object_id=number.strip())
    return events.filter(
        Q(object_repr__icontains=record.strip()) | Q(object_type=record.strip().lower())
    )


def on_or_after(events: QuerySet[AuditEvent], day: dt.date) -> QuerySet[AuditEvent]:
    zone = timezone.get_current_timezone()
    return events.filter(occurred_at__gte=dt.datetime.combine(day, dt.time.min, zone))


def on_or_before(events: QuerySet[AuditEvent], day: dt.date) -> QuerySet[AuditEvent]:
    if day >= dt.date.max:  # up to the calendar's last day: no upper bound
        return events
    zone = timezone.get_current_timezone()
    next_day = day + dt.timedelta(days=1)
    return events.filter(occurred_at__lt=dt.datetime.combine(next_day, dt.time.min, zone))
