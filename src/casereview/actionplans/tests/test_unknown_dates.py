"""A partnership's own tracker often holds no due date for an action, and no date for a
progress update: each is left unknown, never a reason to refuse, and never invented.

An action with no due date has no rating from it, is never overdue and is never reminded
about; it comes after the dated ones when sorted by due date; the pages say "Not known". An
update with no date is shown, but is never taken as the action's latest update for the
rating.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from docx import Document

from casereview.accounts.models import Agency, Membership, Partnership
from casereview.actionplans import services
from casereview.actionplans.dashboard import my_actions_needing_attention, overdue_actions
from casereview.actionplans.models import AgencyAction
from casereview.actionplans.reminders import send_reminders
from casereview.actionplans.rules import is_overdue, needs_reminder, rag
from casereview.actionplans.selectors import (
    actions_for,
    latest_updates,
    monitoring_rows,
    rag_of,
)
from casereview.core.partialdates import PartialDate
from casereview.reports.figures import action_figures
from casereview.reviews.models import Review
from casereview.testing.records import make_action

pytestmark = pytest.mark.django_db


def lead_agency(partnership: Partnership) -> Agency:
    """The agency of the partnership's demo agency lead."""
    agency = Membership.objects.filter(partnership=partnership, role="agency_lead")[0].agency
    assert agency is not None
    return agency


def test_the_rules_give_an_action_with_no_due_date_no_rating_no_overdue_and_no_reminder() -> None:
    today = dt.date(2026, 11, 26)
    assert rag("not_started", None, None, today) is None
    assert rag("in_progress", None, today - dt.timedelta(days=90), today) is None
    assert not is_overdue("in_progress", None, today)
    assert not needs_reminder("not_started", None, today)


def test_a_manager_adds_an_action_with_no_due_date_and_it_is_never_overdue_nor_reminded(
    acting_as: Callable, partnership: Partnership
) -> None:
    manager = acting_as("manager")
    today = timezone.localdate()
    late = make_action(partnership, due=PartialDate(today - dt.timedelta(days=3)), text="Late")
    recommendation = late.recommendation
    action = services.add_action(
        recommendation,
        text="Deliver a briefing on working with fathers",
        owner_agency=lead_agency(partnership),
        due=None,
        acting_user=manager,
    )
    action.refresh_from_db()
    assert (action.due, action.due_partial) == (None, None)
    assert rag_of(action, today) is None
    rows = monitoring_rows(actions_for(manager), today)
    assert [row.action.text for row in rows] == ["Late", action.text]  # unknown last
    assert [row.rag for row in rows] == ["red", None]
    # Only the late action is overdue, on the home page and in the report's figures.
    panel = overdue_actions(manager)
    assert panel is not None and panel.items[0].text == "1 action is overdue"
    reviews = Review.objects.filter(pk=recommendation.source.pk)
    assert action_figures(reviews, today + dt.timedelta(days=400))["overdue"] == 1
    lead = acting_as("agency_lead")
    needing = my_actions_needing_attention(lead)
    assert needing is not None
    attention = [item.text for item in needing.items]
    assert len(attention) == 1 and attention[0].endswith(f"due {late.due_partial}")
    # The reminder goes about the late action alone, even a year on.
    assert send_reminders(today + dt.timedelta(days=365)) == 1
    assert [m.subject for m in mail.outbox] == ["Action overdue: Child R, recommendation 1"]


def test_an_update_with_no_date_is_kept_but_never_taken_as_the_latest_for_the_rating(
    acting_as: Callable, partnership: Partnership
) -> None:
    lead = acting_as("agency_lead")
    today = timezone.localdate()
    action = make_action(partnership, due=PartialDate(today + dt.timedelta(days=10)))
    undated = services.add_progress_update(
        action, date=None, text="Briefing notes drafted.", acting_user=lead
    )
    action.refresh_from_db()
    assert undated.date is None and action.last_update is None
    assert rag_of(action, today) == "amber"  # due soon, and no dated update in 30 days
    assert latest_updates([action])[action.pk] == undated  # shown, when no other is
    dated = services.add_progress_update(
        action, date=today - dt.timedelta(days=40), text="Audit begun.", acting_user=lead
    )
    services.add_progress_update(action, date=None, text="Later, undated.", acting_user=lead)
    action.refresh_from_db()
    assert action.last_update == today - dt.timedelta(days=40)
    assert latest_updates([action])[action.pk] == dated  # the latest dated one
    assert [u.text for u in action.updates.all()] == [
        "Audit begun.",
        "Later, undated.",
        "Briefing notes drafted.",
    ]


def test_the_pages_take_and_show_an_action_and_an_update_whose_dates_are_not_known(
    client_as: Callable, partnership: Partnership
) -> None:
    dated = make_action(partnership, due=PartialDate(dt.date(2017, 3, 31)), text="Dated action")
    recommendation = dated.recommendation
    manager = client_as("manager")
    response = manager.post(
        reverse("actionplans:action-add", args=[recommendation.pk]),
        {
            "text": "Deliver a briefing on working with fathers",
            "owner_agency": lead_agency(partnership).pk,
            "due_0": "",
            "due_1": "",
            "due_2": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    action = AgencyAction.objects.get(text="Deliver a briefing on working with fathers")
    assert action.due is None
    lead = client_as("agency_lead")
    response = lead.post(
        reverse("actionplans:action-progress", args=[action.pk]),
        {"date_0": "", "date_1": "", "date_2": "", "text": "Briefing notes drafted."},
    )
    assert response.status_code == 302, response.content.decode()
    page = lead.get(reverse("actionplans:action", args=[action.pk])).content.decode()
    assert "Not known" in page and "Date not known" in page and "None" not in page
    assert "Briefing notes drafted." in page
    monitoring = manager.get(reverse("actionplans:monitoring", args=["executive"]))
    assert [row.action.text for row in monitoring.context["rows"]] == [
        "Dated action",
        action.text,
    ]
    text = monitoring.content.decode()
    assert "Not known" in text and "Date not known" in text
    assert "1 with no due date, so not rated" in text
    plan = manager.get(reverse("actionplans:review-plan", args=[recommendation.review_id]))
    assert plan.status_code == 200 and "Not known" in plan.content.decode()
    for file_format in ("docx", "xlsx"):
        download = manager.get(
            reverse(
                "actionplans:review-plan-download", args=[recommendation.review_id, file_format]
            )
        )
        assert download.status_code == 200


def test_a_progress_report_says_when_a_due_date_and_an_update_date_are_not_known(
    client_as: Callable, partnership: Partnership
) -> None:
    action = make_action(partnership, due=None, text="Undated action")
    services.add_progress_update(action, date=None, text="Notes drafted.", acting_user=None)
    response = client_as("manager").get(
        reverse("actionplans:review-plan-download", args=[action.recommendation.review_id, "docx"])
    )
    cells = [
        [c.text for c in row.cells] for row in Document(io.BytesIO(response.content)).tables[0].rows
    ]
    assert cells[1][2] == "Not known"
    assert cells[1][4] == "Date not known: Notes drafted."
