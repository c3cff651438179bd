"""casereview remind: email the owners of actions due within 14 days or overdue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from casereview.actionplans.reminders import send_reminders
from casereview.actionplans.tasks import daily_reminders, next_morning


class Command(BaseCommand):
    help = (
        "Email each open action's agency leads when it is due within 14 days or overdue, at "
        "most once a day per action. With --schedule, queue it daily for `casereview db_worker`."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the reminders every morning at 07:00 instead of sending them now",
        )

    def handle(self, *args: Any, schedule: bool = False, **options: Any) -> None:
        if schedule:
            when = next_morning(timezone.now())
            daily_reminders.using(run_after=when).enqueue()
            self.stderr.write(
                f"Reminders queued daily from {when:%d %B %Y %H:%M}; run `casereview db_worker`."
            )
            return
        sent = send_reminders(timezone.localdate())
        self.stderr.write(f"Reminders sent about {sent} action{'s' if sent != 1 else ''}.")
