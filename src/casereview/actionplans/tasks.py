"""Background work, run by `casereview db_worker` from the database queue."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from casereview.actionplans.reminders import send_reminders

SEND_AT = dt.time(7, 0)


def next_morning(now: dt.datetime) -> dt.datetime:
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, SEND_AT))


@task()
def daily_reminders() -> int:
    """Send today's reminders, then queue tomorrow's: the task keeps itself scheduled."""
    sent = send_reminders(timezone.localdate())
    daily_reminders.using(run_after=next_morning(timezone.now())).enqueue()
    return sent
