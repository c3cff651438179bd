"""Every workbook, Word document and PDF the service writes holds what people typed as text:
never a formula Excel evaluates, and never a character that stops the file being written."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable

import pypdfium2
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from casereview.accounts.models import Partnership
from casereview.actionplans import services as action_services
from casereview.actionplans.models import AgencyAction, ProgressUpdate
from casereview.reports.views import period_query
from casereview.reviews.models import LearningPoint, Review
from casereview.testing.records import make_action, make_review

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil","click")'
# What Excel takes for the start of a formula, or (tab, carriage return) lets slip past a
# check for one. The carriage return is not kept: Excel files cannot hold a lone one.
FORMULA_LIKE = {
    HYPERLINK: HYPERLINK,
    "+44 1865 000000 rang back": "+44 1865 000000 rang back",
    "-3 days late: chased": "-3 days late: chased",
    "@home visit booked": "@home visit booked",
    "\t=1+1 tabbed": "\t=1+1 tabbed",
    "\r=2+2 returned": "=2+2 returned",
}


def formula_free(data: bytes) -> list[str]:
    """The names of the workbook's sheets whose XML holds a formula."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def updates_typed_by_the_lead(client_as: Callable[..., Client], partnership: Partnership) -> Review:
    """One action a progress update: the first typed on the agency lead's page, the rest
    stored as an import or an older version of the forms could store them."""
    review = make_review(partnership, title="Child J")
    lead = client_as("agency_lead")
    today = timezone.localdate()
    for number, typed in enumerate(FORMULA_LIKE, start=1):
        action = make_action(partnership, review=review, text=f"Action {number}")
        if typed == HYPERLINK:
            response = lead.post(
                reverse("actionplans:action-progress", args=[action.pk]),
                {
                    "date_0": str(today.day),
                    "date_1": str(today.month),
                    "date_2": str(today.year),
                    "text": typed,
                },
            )
            assert response.status_code == 302
        else:
            update = action_services.add_progress_update(
                action, date=today, text="placeholder", acting_user=None
            )
            ProgressUpdate.objects.filter(pk=update.pk).update(text=typed)
    assert ProgressUpdate.objects.get(action__text="Action 1").text == HYPERLINK
    return review


@pytest.mark.parametrize(
    "download",
    ["monitoring workbook", "action plan workbook", "exchange workbook"],
)
def test_a_progress_update_that_looks_like_a_formula_is_text_in_the_workbook(
    client_as: Callable[..., Client], partnership: Partnership, download: str
) -> None:
    review = updates_typed_by_the_lead(client_as, partnership)
    url = {
        "monitoring workbook": reverse("actionplans:monitoring-workbook", args=["executive"]),
        "action plan workbook": reverse(
            "actionplans:review-plan-download", args=[review.pk, "xlsx"]
        ),
        "exchange workbook": reverse("exchange:export-xlsx"),
    }[download]
    response = client_as("manager").get(url)
    assert response.status_code == 200
    assert formula_free(response.content) == []
    book = load_workbook(io.BytesIO(response.content))
    cells = {
        cell.value: cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    for shown in FORMULA_LIKE.values():
        assert shown in cells, f"{shown!r} is not in the {download}"
        cell = cells[shown]
        assert cell.data_type == "s", f"{shown!r} is written as {cell.data_type!r}"
        # The quote prefix keeps it text when someone edits the cell and presses Enter.
        assert cell.quotePrefix, f"{shown!r} has no quote prefix"


def test_dates_stay_dates_and_numbers_numbers_in_the_action_plan_workbook(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    review = updates_typed_by_the_lead(client_as, partnership)
    response = client_as("manager").get(
        reverse("actionplans:review-plan-download", args=[review.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    first = next(sheet.iter_rows(min_row=2))
    assert first[1].value == 1 and first[1].data_type == "n"  # the recommendation's number
    assert first[6].value == dt.datetime(2017, 3, 31) and first[6].is_date  # due
    assert first[4].value == "Action 1" and first[4].quotePrefix  # text is text


# Control characters stored before forms and the import refused them.
STORED = {
    "title": ("Baby\x01 K\x0b\x1f", "Baby K"),
    "action": ("Visit\x01 the\x0b family\x1f weekly", "Visit the family weekly"),
    "update": ("Visits\x01 are\x0b booked\x1f", "Visits are booked"),
    "point": ("Listen\x01 to\x0b the\x1f child", "Listen to the child"),
}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@pytest.fixture
def stored_control_characters(partnership: Partnership) -> Review:
    """A published review whose title, action, progress update and learning point each hold
    control characters, written to the database directly."""
    action = make_action(partnership)
    review = action.recommendation.source
    update = action_services.add_progress_update(
        action, date=timezone.localdate(), text="placeholder", acting_user=None
    )
    Review.objects.filter(pk=review.pk).update(
        title=STORED["title"][0],
        status="published",
        signed_off=dt.date(2016, 6, 1),
        published=dt.date(2016, 7, 1),
    )
    AgencyAction.objects.filter(pk=action.pk).update(text=STORED["action"][0])
    ProgressUpdate.objects.filter(pk=update.pk).update(text=STORED["update"][0])
    LearningPoint.objects.filter(review=review).update(text=STORED["point"][0])
    return review


def text_of(data: bytes, kind: str) -> str:
    """All the text a person opening the file would see."""
    if kind == "docx":
        document = Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        ]
        return "\n".join(parts)
    if kind == "xlsx":
        book = load_workbook(io.BytesIO(data))
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    pdf = pypdfium2.PdfDocument(data)
    return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)


REPORT_PERIOD = period_query(dt.date(2016, 1, 1), dt.date(2016, 12, 31))
DOWNLOADS = {
    # name: (url of the review, file kind, what it shows)
    "report docx": (
        lambda review: reverse("reports:download", args=["docx"]) + "?" + REPORT_PERIOD,
        "docx",
        ("title", "point"),
    ),
    "report pdf": (
        lambda review: reverse("reports:download", args=["pdf"]) + "?" + REPORT_PERIOD,
        "pdf",
        ("title", "point"),
    ),
    "learning summary docx": (
        lambda review: reverse("reviews:learning-summary-download", args=[review.pk, "docx"]),
        "docx",
        ("title", "point"),
    ),
    "learning summary pdf": (
        lambda review: reverse("reviews:learning-summary-download", args=[review.pk, "pdf"]),
        "pdf",
        ("title", "point"),
    ),
    "action plan workbook": (
        lambda review: reverse("actionplans:review-plan-download", args=[review.pk, "xlsx"]),
        "xlsx",
        ("title", "action", "update"),
    ),
    "progress report": (
        lambda review: reverse("actionplans:review-plan-download", args=[review.pk, "docx"]),
        "docx",
        ("title", "action", "update"),
    ),
    "monitoring workbook": (
        lambda review: reverse("actionplans:monitoring-workbook", args=["executive"]),
        "xlsx",
        ("title", "action", "update"),
    ),
    "exchange workbook": (
        lambda review: reverse("exchange:export-xlsx"),
        "xlsx",
        ("title", "action", "update", "point"),
    ),
}


@pytest.mark.parametrize("download", list(DOWNLOADS))
def test_stored_control_characters_are_left_out_of_every_download(
    client_as: Callable[..., Client], stored_control_characters: Review, download: str
) -> None:
    url, kind, shown = DOWNLOADS[download]
    response = client_as("manager").get(url(stored_control_characters))
    assert response.status_code == 200
    text = text_of(response.content, kind)
    for part in shown:
        assert STORED[part][1] in text, f"{STORED[part][1]!r} is not in the {download}"
    assert CONTROL.findall(text) == []
