"""Reads of the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from casereview.core.models import AuditEvent


def audit_events_for(
    user: Any,
    *,
    person: str = "",
    record: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.restrict(user, "view").order_by("-id")
    if person:
        events = events.filter(actor_username__iexact=person.strip())
    if record:
        kind, _, number = record.strip().partition(" ")
        if number.strip().isdigit() and "." in kind:
            events = events.filter(object_type=kind.lower(), object_id=number.strip())
        else:
            events = events.filter(
                Q(object_repr__icontains=record.strip()) | Q(object_type__iexact=record.strip())
            )
    zone = timezone.get_current_timezone()
    if date_from:
        events = events.filter(occurred_at__gte=dt.datetime.combine(date_from, dt.time.min, zone))
    if date_to and date_to < dt.date.max:  # up to the calendar's last day: no upper bound
        next_day = date_to + dt.timedelta(days=1)
        events = events.filter(occurred_at__lt=dt.datetime.combine(next_day, dt.time.min, zone))
    return events
