"""Agency leads, monitoring groups, the spreadsheets and reports they circulate, reminders."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from docx import Document
from openpyxl import load_workbook

from casereview.accounts.models import Agency, Partnership
from casereview.accounts.services import add_person
from casereview.actionplans import services
from casereview.actionplans.models import AgencyAction, ReminderSent
from casereview.actionplans.reminders import send_reminders
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.testing.fixtures import DEMO_PASSWORD
from casereview.testing.forms import version_for
from casereview.testing.records import make_action, make_review

pytestmark = pytest.mark.django_db


def agency(partnership: Partnership, key: str) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key=key)


def test_an_agency_lead_reads_and_updates_only_their_agencys_actions(
    client_as: Callable, partnership: Partnership
) -> None:
    ours = make_action(partnership)  # owned by children's social care, the demo lead's agency
    theirs = make_action(
        partnership,
        review=ours.recommendation.review,
        owner_agency=agency(partnership, "tvp"),
        text="Police action",
    )
    client = client_as("agency_lead")
    listing = client.get(reverse("actionplans:my-actions")).content.decode()
    assert ours.text in listing and "Police action" not in listing
    page = client.get(reverse("actionplans:action", args=[ours.pk])).content.decode()
    assert "Agencies should involve fathers" in page  # the recommendation, as context
    assert ours.recommendation.source.title in page
    assert client.get(reverse("actionplans:action", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("actionplans:action-progress", args=[theirs.pk])).status_code == 404
    assert (
        client.get(reverse("reviews:review", args=[ours.recommendation.review_id])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("actionplans:review-plan", args=[ours.recommendation.review_id])
        ).status_code
        == 404
    )
    today = timezone.localdate()
    response = client.post(
        reverse("actionplans:action-progress", args=[ours.pk]),
        {
            "date_0": str(today.day),
            "date_1": str(today.month),
            "date_2": str(today.year),
            "text": "Audit of 40 assessments done.",
        },
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.last_update == today
    refused = client.post(
        reverse("actionplans:action-progress", args=[theirs.pk]),
        {"date_0": "1", "date_1": "1", "date_2": "2017", "text": "Not mine"},
    )
    assert refused.status_code == 404
    assert not theirs.updates.exists()


def test_verification_only_by_members_of_the_monitoring_group(
    client_as: Callable, partnership: Partnership, demo_user: Callable
) -> None:
    action = make_action(partnership)
    services.change_action_status(
        action, status="completed", completed=dt.date(2017, 3, 1), acting_user=None
    )
    client, url = client_as("panel_member"), reverse("actionplans:action-status", args=[action.pk])
    refused = client.post(url, {"status": "verified", "version": version_for(client, url)})
    assert refused.status_code == 400
    assert "Only members of the monitoring group can verify an action" in refused.content.decode()
    lead = client_as("agency_lead")
    refused = lead.post(url, {"status": "verified", "version": version_for(lead, url)})
    assert "Only members of the monitoring group can verify an action" in refused.content.decode()
    services.seat_on_group(
        partnership, group="executive", user=demo_user("panel_member"), acting_user=None
    )
    accepted = client.post(url, {"status": "verified", "version": version_for(client, url)})
    assert accepted.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.verified_by) == ("verified", demo_user("panel_member"))
    assert AuditEvent.objects.filter(
        object_type="actionplans.agencyaction", changes__status__after="verified"
    ).exists()


def test_a_cancelled_action_says_why(client_as: Callable, partnership: Partnership) -> None:
    action = make_action(partnership)
    client, url = client_as("manager"), reverse("actionplans:action-status", args=[action.pk])
    refused = client.post(url, {"status": "cancelled", "version": version_for(client, url)})
    assert (
        refused.status_code == 400
        and "Enter why the action was cancelled" in refused.content.decode()
    )
    client.post(
        url,
        {"status": "cancelled", "cancelled_reason": "Superseded by the new neglect strategy."}
        | {"version": version_for(client, url)},
    )
    action.refresh_from_db()
    assert action.status == "cancelled" and action.cancelled_reason.startswith("Superseded")


def make_monitored_actions(partnership: Partnership) -> list[AgencyAction]:
    review = make_review(partnership, title="Child J")
    today = timezone.localdate()
    late = make_action(
        partnership,
        review=review,
        due=PartialDate(today - dt.timedelta(days=3)),
        text="Late action",
    )
    soon = make_action(
        partnership,
        review=review,
        owner_agency=agency(partnership, "tvp"),
        due=PartialDate(today + dt.timedelta(days=20)),
        text="Soon action",
    )
    later = make_action(
        partnership,
        review=review,
        due=PartialDate(today + dt.timedelta(days=90)),
        text="Later action",
    )
    done = make_action(
        partnership,
        review=review,
        due=PartialDate(today - dt.timedelta(days=40)),
        text="Done action",
    )
    services.change_action_status(
        done, status="completed", completed=today - dt.timedelta(days=41), acting_user=None
    )
    services.add_progress_update(
        soon, date=today - dt.timedelta(days=2), text="Training booked.", acting_user=None
    )
    return [late, soon, later, done]


def test_the_monitoring_page_rates_filters_and_totals(
    client_as: Callable, partnership: Partnership
) -> None:
    make_monitored_actions(partnership)
    client = client_as("manager")
    url = reverse("actionplans:monitoring", args=["executive"])
    page = client.get(url)
    texts = [row.action.text for row in page.context["rows"]]
    assert texts == ["Late action", "Soon action", "Later action"]  # open only, by due date
    assert [row.rag for row in page.context["rows"]] == ["red", "green", "green"]
    assert page.context["totals"].by_rating == {"red": 1, "amber": 0, "green": 2}
    assert "3</strong> actions: 1 red, 0 amber, 2 green" in page.content.decode()
    police = client.get(url, {"agency": agency(partnership, "tvp").pk})
    assert [r.action.text for r in police.context["rows"]] == ["Soon action"]
    red = client.get(url, {"rag": "red"})
    assert [r.action.text for r in red.context["rows"]] == ["Late action"]
    assert red.context["totals"].by_rating == {"red": 1, "amber": 0, "green": 0}
    completed = client.get(url, {"status": "completed"})
    assert [r.action.text for r in completed.context["rows"]] == ["Done action"]
    by_agency = client.get(url, {"sort": "agency"})
    first = by_agency.context["rows"][0]
    assert first.action.owner_agency.name.startswith("Oxfordshire County Council")
    paqa = client.get(reverse("actionplans:monitoring", args=["paqa"]))
    assert paqa.context["rows"] == []
    assert client.get(reverse("actionplans:monitoring", args=["board"])).status_code == 404


def test_the_workbook_holds_the_pages_rows_with_dates_as_dates(
    client_as: Callable, partnership: Partnership
) -> None:
    make_monitored_actions(partnership)
    client = client_as("manager")
    url = reverse("actionplans:monitoring", args=["executive"])
    page_rows = client.get(url).context["rows"]
    response = client.get(reverse("actionplans:monitoring-workbook", args=["executive"]))
    assert response["Content-Disposition"] == 'attachment; filename="actions-executive.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L4"
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == [
        "Review",
        "Recommendation",
        "Recommendation text",
        "Monitored by",
        "Action",
        "Agency",
        "Due",
    ]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in rows] == [r.action.text for r in page_rows]
    assert [row[6].date() for row in rows] == [r.action.due for r in page_rows]  # real dates
    assert [row[9] for row in rows] == ["RED", "GREEN", "GREEN"]
    assert AuditEvent.objects.filter(action="export", object_repr__contains="workbook").exists()


def test_the_progress_report_holds_each_recommendation_and_its_actions(
    client_as: Callable, partnership: Partnership
) -> None:
    actions = make_monitored_actions(partnership)
    review = actions[0].recommendation.source
    client = client_as("panel_member")
    plan = client.get(reverse("actionplans:review-plan", args=[review.pk]))
    assert [r.action.text for r in plan.context["rows"]] == [
        "Late action",
        "Soon action",
        "Later action",
        "Done action",
    ]
    response = client.get(reverse("actionplans:review-plan-download", args=[review.pk, "docx"]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Progress report: Child J" in text and "Recommendation 1" in text
    table = document.tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert [row[0] for row in cells[1:]] == [
        "Late action",
        "Soon action",
        "Later action",
        "Done action",
    ]
    assert cells[2][4].endswith("Training booked.")
    assert [row[3] for row in cells[1:]] == [
        "Not started",
        "Not started",
        "Not started",
        "Completed",
    ]
    workbook = client.get(reverse("actionplans:review-plan-download", args=[review.pk, "xlsx"]))
    rows = list(
        load_workbook(io.BytesIO(workbook.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert len(rows) == 4
    assert (
        client.get(reverse("actionplans:review-plan-download", args=[review.pk, "csv"])).status_code
        == 404
    )


def test_reminders_run_twice_in_a_day_send_each_once(
    partnership: Partnership, demo_user: Callable
) -> None:
    late = make_monitored_actions(partnership)[0]
    add_person(
        partnership,
        username="tvp.lead@OSCB",
        full_name="Police lead",
        email="tvp.lead@example.org",
        role="agency_lead",
        agency=agency(partnership, "tvp"),
        password="a-long-password-1",
        acting_user=None,
    )
    today = timezone.localdate()
    due_in_14 = make_action(
        partnership,
        review=late.recommendation.review,
        owner_agency=agency(partnership, "tvp"),
        due=PartialDate(today + dt.timedelta(days=14)),
        text="Fortnight action",
    )
    assert send_reminders(today) == 2  # overdue, and due in 14 days; not 20 or 90 days off
    assert send_reminders(today) == 0
    assert len(mail.outbox) == 2
    by_subject = {m.subject: m for m in mail.outbox}
    overdue = by_subject["Action overdue: Child J, recommendation 1"]
    assert overdue.to == [demo_user("agency_lead").email]  # children's social care's lead
    assert "Late action" in overdue.body and f"/actions/{late.pk}/" in overdue.body
    fortnight = by_subject["Action due soon: Child J, recommendation 1"]
    assert "Fortnight action" in fortnight.body
    assert fortnight.to == ["tvp.lead@example.org"]
    assert set(ReminderSent.objects.filter(sent_on=today).values_list("action", flat=True)) == {
        late.pk,
        due_in_14.pk,
    }
    assert send_reminders(today + dt.timedelta(days=1)) == 2  # the next day, once more each


def test_the_remind_command_sends_now(partnership: Partnership) -> None:
    make_monitored_actions(partnership)
    err = io.StringIO()
    call_command("remind", stderr=err)
    assert "Reminders sent about 1 action." in err.getvalue()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_daily_schedule_runs_in_the_database_worker_and_queues_the_next_day() -> None:
    """`remind --schedule` queues the task in the database; the worker runs it when due,
    it sends the day's reminders, and queues itself for the next morning.

    Transactional: the worker closes database connections it finds inside a transaction, as a
    long-running process should, so it cannot run inside a test's rolled-back transaction."""
    call_command(
        "demo",
        password=DEMO_PASSWORD,
        without_seed=True,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    make_monitored_actions(Partnership.objects.get(code="OSCB"))
    call_command("remind", "--schedule", stderr=io.StringIO())
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("daily_reminders")
    assert timezone.localtime(queued.run_after).time() == dt.time(7, 0)
    DBTaskResult.objects.update(run_after=timezone.now())  # as if the morning had come
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--max-tasks",
        "1",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    tomorrow = DBTaskResult.objects.get(status="READY")
    assert timezone.localtime(tomorrow.run_after).date() == timezone.localdate() + dt.timedelta(
        days=1
    )
