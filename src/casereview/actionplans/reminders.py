"""Reminders: each open action due within 14 days, or overdue, emails its agency's leads,
at most once a day per action."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from casereview.accounts.choices import Role
from casereview.accounts.models import Membership
from casereview.actionplans.models import AgencyAction, ReminderSent
from casereview.actionplans.selectors import due_for_reminder


def owners_of(action: AgencyAction) -> list[str]:
    """The email addresses of the agency leads of the action's agency, in its partnership."""
    leads = Membership.objects.current().filter(
        partnership_id=action.partnership_id,
        agency_id=action.owner_agency_id,
        role=Role.AGENCY_LEAD,
    )
    return sorted({m.user.email for m in leads.select_related("user") if m.user.email})


def message_for(action: AgencyAction, today: dt.date) -> tuple[str, str]:
    """The reminder about an action with a due date (one with none is never reminded about)."""
    due = action.due
    if due is None:
        raise ValueError("An action with no due date is never reminded about")
    days = (due - today).days
    when = f"{'was' if days < 0 else 'is'} due on {due.day} {due:%B %Y}"
    review = action.recommendation.source_title
    subject = f"Action {'overdue' if days < 0 else 'due soon'}: {review}, recommendation {action.recommendation.number}"
    link = settings.SERVICE_URL.rstrip("/") + reverse("actionplans:action", args=[action.pk])
    body = (
        f"An action your agency leads {when}.\n\n"
        f"Review: {review}\nRecommendation {action.recommendation.number}\n"
        f"Action: {action.text}\nStatus: {action.get_status_display()}\n\n"
        f"Record its progress: {link}\n"
    )
    return subject, body


def send_reminders(today: dt.date) -> int:
    """Send today's reminders; returns how many actions were reminded about."""
    sent = 0
    actions = due_for_reminder(today).select_related(
        "recommendation__review", "recommendation__national_review", "owner_agency"
    )
    for action in actions:
        recipients = owners_of(action)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    action=action, sent_on=today, recipients=len(recipients)
                )
                subject, body = message_for(action, today)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except IntegrityError:
            continue  # already reminded today, perhaps by another worker
        sent += 1
    return sent
