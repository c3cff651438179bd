"""Issue 12: every workbook the service writes holds real dates, and the round trip works:
export, edit a date as a spreadsheet user would, re-import, no problem."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from casereview.accounts.models import Partnership
from casereview.actionplans.models import AgencyAction
from casereview.core.choices import DatePrecision
from casereview.exchange.generator import generated_document
from casereview.exchange.services import import_document

pytestmark = pytest.mark.django_db


def import_records(partnership: Partnership) -> None:
    """Invented records of the partnership, with reviews, recommendations and actions."""
    document = generated_document(seed=6, code=partnership.code, referrals=4, reviews=2)
    document["partnership"].update(name=partnership.name, nation=partnership.nation)
    import_document(document)


def actions_in_sheet_order(partnership: Partnership) -> list[AgencyAction]:
    """The partnership's actions in the order of the Actions sheet: review, number, place."""
    return list(
        AgencyAction.objects.filter(recommendation__review__partnership=partnership).order_by(
            "recommendation__review__id", "recommendation__number", "position"
        )
    )


def action_of_row(sheet: Any, row: int) -> AgencyAction:
    """The action a row of the Actions sheet is: its review's id, recommendation and text."""
    review, number, text = (sheet.cell(row, column).value for column in (1, 2, 3))
    return AgencyAction.objects.get(
        recommendation__review__external_key=review, recommendation__number=number, text=text
    )


def test_the_export_holds_full_dates_as_dates_and_partial_dates_as_text(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    import_records(partnership)
    first = actions_in_sheet_order(partnership)[0]
    AgencyAction.objects.filter(pk=first.pk).update(
        due=dt.date(2021, 3, 1), due_precision=DatePrecision.MONTH
    )
    response = client_as("manager").get(reverse("exchange:export-xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    received = book["Referrals"]["C2"]
    assert received.is_date and isinstance(received.value, dt.datetime)
    assert received.number_format == "dd/mm/yyyy"
    assert book["Referrals"]["C1"].value == "received"
    assert book["Actions"]["E1"].value == "due"
    assert book["Actions"]["E2"].value == "March 2021" and not book["Actions"]["E2"].is_date


def test_a_date_edited_in_a_spreadsheet_is_reimported_as_meant(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    import_records(partnership)
    month_only = actions_in_sheet_order(partnership)[0]
    AgencyAction.objects.filter(pk=month_only.pk).update(
        due=dt.date(2021, 3, 1), due_precision=DatePrecision.MONTH
    )
    client = client_as("manager")
    book = load_workbook(io.BytesIO(client.get(reverse("exchange:export-xlsx")).content))
    sheet = book["Actions"]
    rows = {
        action_of_row(sheet, row).pk: row
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    }
    assert sheet.cell(rows[month_only.pk], 5).value == "March 2021"
    real, typed = [pk for pk in rows if pk != month_only.pk][:2]
    sheet.cell(rows[real], 5).value = dt.datetime(2019, 2, 4)  # as Excel makes of one typed
    sheet.cell(rows[typed], 5).value = "03/02/2019"  # typed into a cell formatted as text
    sheet.cell(rows[typed], 5).number_format = "@"
    edited = io.BytesIO()
    book.save(edited)
    response = client.post(
        reverse("exchange:index"),
        {"document": SimpleUploadedFile("edited.xlsx", edited.getvalue())},
    )
    assert response.status_code == 302, response.content.decode()
    check = client.get(response["Location"]).content.decode()
    assert "There is a problem" not in check
    assert client.post(response["Location"]).status_code == 302
    stored = {pk: AgencyAction.objects.get(pk=pk) for pk in (real, typed, month_only.pk)}
    assert (stored[real].due, stored[real].due_precision) == (dt.date(2019, 2, 4), "day")
    assert (stored[typed].due, stored[typed].due_precision) == (dt.date(2019, 2, 3), "day")
    # The month-only date, written as "March 2021", comes back with its precision.
    assert (stored[month_only.pk].due, stored[month_only.pk].due_precision) == (
        dt.date(2021, 3, 1),
        DatePrecision.MONTH,
    )


def test_the_action_plan_workbook_writes_a_month_only_date_as_the_month(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    import_records(partnership)
    action = actions_in_sheet_order(partnership)[0]
    AgencyAction.objects.filter(pk=action.pk).update(
        due=dt.date(2021, 3, 1), due_precision=DatePrecision.MONTH
    )
    review = action.recommendation.source
    response = client_as("manager").get(
        reverse("actionplans:review-plan-download", args=[review.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 7).value == "Due"
    dues = [row[6] for row in sheet.iter_rows(min_row=2)]
    assert "March 2021" in [cell.value for cell in dues]
    full = [
        a
        for a in AgencyAction.objects.filter(recommendation__review=review)
        if a.due_precision == DatePrecision.DAY
    ]
    assert full and all(
        cell.is_date and cell.number_format.lower() == "dd/mm/yyyy"
        for cell in dues
        if not isinstance(cell.value, str)
    )
    assert len([c for c in dues if c.is_date]) == len(full)
