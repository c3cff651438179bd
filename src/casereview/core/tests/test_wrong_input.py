"""Wrong input anywhere gets a clear message and a 4xx, never a 500 or a traceback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.core.filters import AuditFilter
from casereview.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/agencies/999999/", "/people/999999/change/", "/agencies/abc/"]
)
def test_an_unknown_address_is_a_page_not_found(client_as: Callable, url: str) -> None:
    response = client_as("manager").get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "check it is correct" in page


def test_a_form_sent_without_its_security_token_is_refused_plainly() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:sign-in"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()


def test_a_page_number_that_is_not_a_number_still_shows_a_page(client_as: Callable) -> None:
    response = client_as("manager").get(reverse("core:audit"), {"page": "lots"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "From must be a real date"),
        ("", "2", "2026", "From must include a day"),
        ("", "", "2026", "From must include a day and month"),
        ("a", "b", "c", "Enter from using numbers"),
        ("1", "2", "26", "Year must include 4 numbers"),
    ],
)
def test_a_date_says_what_is_wrong_with_it(
    client_as: Callable, day: str, month: str, year: str, message: str
) -> None:
    response = client_as("manager").get(
        reverse("core:audit"), {"date_from_0": day, "date_from_1": month, "date_from_2": year}
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def audit_filter_form(data: dict[str, str]) -> Any:
    return AuditFilter(data, queryset=AuditEvent.objects.none()).form


def test_a_date_range_must_run_forwards() -> None:
    form = audit_filter_form(
        {
            "date_from_0": "2",
            "date_from_1": "3",
            "date_from_2": "2026",
            "date_to_0": "1",
            "date_to_1": "3",
            "date_to_2": "2026",
        }
    )
    assert not form.is_valid()
    assert form.errors["date_to"] == ["The end date must be the same as or after the start date"]


def test_a_whole_date_is_read_from_its_three_boxes() -> None:
    form = audit_filter_form({"date_from_0": "7", "date_from_1": "03", "date_from_2": "2016"})
    assert form.is_valid()
    assert form.cleaned_data["date_from"] == dt.date(2016, 3, 7)
