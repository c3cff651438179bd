"""The import and export page: upload, see the problems or what will change, confirm."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from casereview.accounts.models import Partnership
from casereview.core.models import AuditEvent
from casereview.exchange.files import as_json, seed_document
from casereview.exchange.models import PendingImport
from casereview.exchange.services import import_document
from casereview.exchange.spreadsheet import workbook_of
from casereview.exchange.tests.helpers import table_counts
from casereview.exchange.validation import schema_text
from casereview.referrals.models import Referral
from casereview.reviews.models import Review
from casereview.testing.records import make_referral

if TYPE_CHECKING:
    # What the test client answers, with .content, .context and the rest (django-stubs).
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db


def upload(client: Client, name: str, body: bytes) -> TestResponse:
    return client.post(reverse("exchange:index"), {"document": SimpleUploadedFile(name, body)})


def test_a_manager_uploads_checks_and_confirms(client_as: Callable[..., Client]) -> None:
    client = client_as("manager")
    before = table_counts()
    response = upload(client, "oscb.json", as_json(seed_document()).encode())
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    assert response["Location"] == reverse("exchange:check", kwargs={"pk": pending.pk})
    assert table_counts()["reviews.Review"] == before["reviews.Review"]  # nothing yet
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Check what the import will do" in text and "Import the records" in text
    assert '<th scope="row" class="govuk-table__header">Reviews</th>' in text
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("exchange:index")
    assert Review.objects.filter(partnership__code="OSCB").count() == 6
    assert not PendingImport.objects.exists()
    rows = AuditEvent.objects.filter(actor__username="manager@OSCB", action="create")
    assert rows.filter(object_type="reviews.review").count() == 6
    landing = client.get(confirmed["Location"])
    assert "oscb.json has been imported" in landing.content.decode()


def test_a_bad_file_lists_its_problems_and_answers_400(client_as: Callable[..., Client]) -> None:
    document = seed_document()
    document["reviews"][0]["recommendations"] = [
        {
            "number": 1,
            "text": "x",
            "scope": "multi_agency",
            "lead_agency": "nobody",
            "monitored_by": "executive",
            "actions": [],
        }
    ]
    document["reviews"][1]["status"] = "finished"
    before = table_counts()
    response = upload(client_as("manager"), "oscb.json", json.dumps(document).encode())
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and "oscb.json cannot be imported" in text
    assert "$.reviews[0].recommendations[0].lead_agency" in text
    assert "&#x27;nobody&#x27; is not the id of any agency" in text
    assert "$.reviews[1].status" in text
    assert not PendingImport.objects.exists() and table_counts() == before


def test_a_workbooks_problems_are_named_by_cell(client_as: Callable[..., Client]) -> None:
    document = seed_document()
    document["children"][0]["sex"] = "girl"
    response = upload(client_as("manager"), "tracker.xlsx", workbook_of(document))
    assert response.status_code == 400
    assert "Children sheet, row 2, column C (sex)" in response.content.decode()


def test_a_document_of_another_partnership_is_refused(client_as: Callable[..., Client]) -> None:
    document = seed_document()
    document["partnership"]["code"] = "NMSCP"
    response = upload(client_as("manager"), "x.json", json.dumps(document).encode())
    assert response.status_code == 400
    assert "is another partnership: expected &#x27;OSCB&#x27;" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("notes.txt", b"{}", "must be a .json or an .xlsx file"),
        ("empty.json", b"", "The selected file is empty"),
        ("broken.json", b"{", "The JSON document cannot be read from line 1, column 2"),
        ("tracker.xlsx", b"%PDF-1.4", "This is a PDF, not a spreadsheet or a JSON document"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused(
    client_as: Callable[..., Client], name: str, body: bytes, message: str
) -> None:
    response = upload(client_as("manager"), name, body)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_nothing_chosen_is_refused(client_as: Callable[..., Client]) -> None:
    response = client_as("manager").post(reverse("exchange:index"), {})
    assert response.status_code == 400
    assert "Select a file to import" in response.content.decode()


def test_the_document_is_checked_again_when_confirmed(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    client = client_as("manager")
    document = seed_document()
    document["referrals"][0]["reference"] = "OSCB-2016-001"
    response = upload(client, "oscb.json", json.dumps(document).encode())
    assert response.status_code == 302
    make_referral(partnership)  # takes OSCB-2016-001 meanwhile
    before = table_counts()
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 400
    text = confirmed.content.decode()
    assert "This file can no longer be imported" in text
    assert "&#x27;OSCB-2016-001&#x27; is already the reference of case" in text
    assert table_counts() == before


def test_a_file_already_imported_changes_nothing(client_as: Callable[..., Client]) -> None:
    import_document(seed_document())
    client = client_as("manager")
    response = upload(client, "oscb.json", as_json(seed_document()).encode())
    page = client.get(response["Location"]).content.decode()
    assert "importing it would change nothing" in page


def test_another_managers_upload_is_not_found(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    response = upload(client_as("manager"), "oscb.json", as_json(seed_document()).encode())
    other = client_as("manager", "NMSCP")
    assert other.get(response["Location"]).status_code == 404
    assert other.post(response["Location"]).status_code == 404
    assert not Referral.objects.filter(partnership=partnership).exists()


@pytest.mark.parametrize(
    ("url", "content_type", "start"),
    [
        ("exchange:export-json", "application/json", b"{"),
        ("exchange:export-xlsx", "application/vnd.openxmlformats", b"PK"),
    ],
)
def test_the_downloads_are_audited(
    client_as: Callable[..., Client], url: str, content_type: str, start: bytes
) -> None:
    import_document(seed_document())
    exports = AuditEvent.objects.filter(action="export", actor__username="manager@OSCB")
    response = client_as("manager").get(reverse(url))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith('attachment; filename="oscb-records-')
    assert response.content.startswith(start)
    assert exports.count() == 1


def test_the_json_download_is_the_export(client_as: Callable[..., Client]) -> None:
    import_document(seed_document())
    body = json.loads(client_as("manager").get(reverse("exchange:export-json")).content)
    assert len(body["reviews"]) == 6 and body["referrals"][0]["assessment"]["framework"]


def test_the_blank_template_downloads(client_as: Callable[..., Client]) -> None:
    response = client_as("manager").get(reverse("exchange:template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert "Referrals" in book.sheetnames


def test_the_schema_is_published_to_anyone() -> None:
    response = Client().get(reverse("exchange:schema"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert json.loads(response.content) == json.loads(schema_text())
