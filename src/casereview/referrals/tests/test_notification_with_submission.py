"""Under Working Together 2018 and later the notification is made to the Panel itself, so a
case recorded as sent to the Panel is recorded as notified too: the referral no longer says
it still must notify."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals.models import Referral
from casereview.testing.forms import version_for
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db


def notify_row(page: str) -> str:
    row = re.search(r'<td class="govuk-table__cell">Notify</td>.*?</tr>', page, re.DOTALL)
    assert row is not None, "the referral shows no notification deadline"
    return row.group()


def notified_row(page: str) -> str:
    row = re.search(r">Notified</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.DOTALL)
    assert row is not None
    return row.group(1).strip()


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def sent_this_week(partnership: Partnership) -> Referral:
    today = dt.date.today()
    return make_referral(
        partnership,
        received=PartialDate(today),
        aware=PartialDate(today),
        framework="wt2018",
    )


def test_recording_that_it_was_sent_to_the_panel_records_the_notification(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = sent_this_week(partnership)
    client = client_as("panel_member")
    page_url = reverse("referrals:referral", args=[referral.pk])
    before = client.get(page_url).content.decode()
    assert "left" in notify_row(before) or "Due today" in notify_row(before)
    assert notified_row(before) == "Not yet"

    url = reverse("referrals:submit-to-panel", args=[referral.pk])
    form = client.get(url).content.decode()
    assert "Date the Panel was notified of the serious incident" in form
    today = dt.date.today()
    response = client.post(
        url,
        {
            **date_fields("submitted", today),
            **date_fields("notified", today),
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 302

    after = client.get(page_url).content.decode()
    assert "Done" in notify_row(after) and "left" not in notify_row(after)
    assert notified_row(after) == f"{today.day} {today:%B %Y}"
    referral.refresh_from_db()
    assert referral.notified == today
    assert f"{referral.reference}: notify by" not in client.get("/").content.decode()


def test_the_panel_is_not_told_of_a_case_without_the_notification_date(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = sent_this_week(partnership)
    client = client_as("manager")
    url = reverse("referrals:submit-to-panel", args=[referral.pk])
    response = client.post(
        url, {**date_fields("submitted", dt.date.today()), "version": version_for(client, url)}
    )
    assert response.status_code == 400
    assert "Enter the date the Panel was notified of the serious incident" in (
        response.content.decode()
    )
    referral.refresh_from_db()
    assert not hasattr(referral, "panel_submission") and referral.notified is None


def test_before_2018_the_national_panel_is_not_the_notification(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    referral = make_referral(partnership)  # Working Together 2015: Ofsted and the board
    url = reverse("referrals:submit-to-panel", args=[referral.pk])
    form = client_as("manager").get(url).content.decode()
    assert "notified" not in form
