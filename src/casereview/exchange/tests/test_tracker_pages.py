"""Importing a partnership's own tracker, page by page: upload, sheets, columns, values,
check, import; and the mapping saved, so that the next upload is one step (issue 12)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from casereview.accounts.models import Agency, Partnership
from casereview.core.models import AuditEvent
from casereview.exchange.files import seed_document
from casereview.exchange.models import PendingImport, SavedTrackerMapping
from casereview.exchange.spreadsheet import workbook_of
from casereview.exchange.tests.helpers import table_counts
from casereview.referrals.models import Referral
from casereview.testing.trackers import build_tracker

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

WRITES = ("create", "change", "delete")


def upload(client: Client, data: bytes, name: str) -> TestResponse:
    return client.post(reverse("exchange:index"), {"document": SimpleUploadedFile(name, data)})


def step_url(name: str, pending: PendingImport) -> str:
    return reverse(f"exchange:tracker-{name}", kwargs={"pk": pending.pk})


def as_sent(response: TestResponse) -> dict[str, Any]:
    """What the page's form sends when its person changes nothing."""
    form = response.context["form"]
    return {name: "" if (value := form[name].value()) is None else value for name in form.fields}


def accept(client: Client, response: TestResponse, **changes: Any) -> TestResponse:
    """Send a step's form as it is shown, but for `changes`."""
    assert response.status_code == 200, response.content.decode()[:2000]
    return client.post(response.wsgi_request.path, {**as_sent(response), **changes})


def field_named(response: TestResponse, label: str, group: str | None = None) -> str:
    """The name of the form field labelled `label` (in the group headed `group`)."""
    form = response.context["form"]
    for found, fields in form.grouped():
        if group is None or found.heading == group:
            for field in fields:
                if field.label == label:
                    return str(field.name)
    raise AssertionError(f"no field labelled {label!r} in {group or 'the form'}")


def through_to_check(client: Client, data: bytes, name: str) -> TestResponse:
    """Upload a tracker and accept every suggestion: the check page's answer."""
    response = upload(client, data, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response["Location"])
    while page.wsgi_request.path.rstrip("/").split("/")[-1] in ("sheets", "columns", "values"):
        sent = accept(client, page)
        assert sent.status_code == 302, sent.content.decode()[:3000]
        page = client.get(sent["Location"])
    return page


@pytest.fixture
def manager(client_as: Callable[..., Client]) -> Client:
    return client_as("manager")


def test_a_tracker_goes_to_the_sheets_with_its_title_rows_shown(manager: Client) -> None:
    data, name = build_tracker("council")
    response = upload(manager, data, name)
    pending = PendingImport.objects.get()
    assert pending.holds == PendingImport.Holds.TRACKER
    assert response["Location"] == step_url("sheets", pending)
    page = manager.get(response["Location"])
    text = page.content.decode()
    assert "Choose the sheets to import" in text
    assert "Safeguarding Children Partnership: SCR" in text  # its merged title row
    form = page.context["form"]
    assert form["holds_0"].value() == "cases" and form["header_0"].value() == 3
    assert form["holds_1"].value() == "actions"


def test_a_csv_tracker_is_one_sheet(manager: Client) -> None:
    data, name = build_tracker("cases_csv")
    page = manager.get(upload(manager, data, name)["Location"])
    assert page.context["form"]["holds_0"].value() == "cases"
    assert "Sheet 'cases" in page.content.decode()


def test_a_pdf_named_as_a_tracker_is_called_a_pdf(manager: Client) -> None:
    response = upload(manager, b"%PDF-1.4 a board paper", "tracker.csv")
    assert response.status_code == 400
    assert "This is a PDF" in response.content.decode()
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"header_0": "three"}, "Enter the row of the column headings of sheet 'SCR tracker' as a"),
        ({"header_0": "2"}, "Row 2 of sheet 'SCR tracker' is empty: enter the row that holds"),
        ({"header_0": "900"}, "Sheet 'SCR tracker' has"),
        ({"holds_0": "ignore", "holds_1": "ignore"}, "Choose what at least one sheet holds"),
        ({"holds_1": "everything"}, "Select a valid choice"),
    ],
)
def test_the_sheets_step_says_what_is_wrong_and_where(
    manager: Client, changes: dict[str, str], message: str
) -> None:
    data, name = build_tracker("council")
    page = manager.get(upload(manager, data, name)["Location"])
    response = accept(manager, page, **changes)
    assert response.status_code == 400
    text = response.content.decode().replace("&#x27;", "'")
    assert "There is a problem" in text and message in text


def test_the_columns_are_suggested_in_the_managers_words(manager: Client) -> None:
    data, name = build_tracker("council")
    sheets = manager.get(upload(manager, data, name)["Location"])
    page = manager.get(accept(manager, sheets)["Location"])
    text = page.content.decode()
    assert "Match the columns" in text
    referred = field_named(page, "Date referred", "SCR tracker")
    chosen = page.context["form"][referred].value()
    assert chosen and "Date referred" in dict(page.context["form"].fields[referred].choices)[chosen]
    assert "Column C. For example:" in text  # with values from the column


def test_a_field_chosen_for_two_columns_is_named_with_both(manager: Client) -> None:
    data, name = build_tracker("council")
    sheets = manager.get(upload(manager, data, name)["Location"])
    page = manager.get(accept(manager, sheets)["Location"])
    referred = field_named(page, "Date referred", "SCR tracker")
    incident = field_named(page, "Date of incident", "SCR tracker")
    response = accept(manager, page, **{incident: page.context["form"][referred].value()})
    assert response.status_code == 400
    text = response.content.decode().replace("&#x27;", "'")
    assert (
        "column C ('Date referred') and column D ('Date of incident') of sheet 'SCR tracker'"
        in text
    )


def test_a_required_field_left_out_is_asked_for(manager: Client) -> None:
    data, name = build_tracker("council")
    sheets = manager.get(upload(manager, data, name)["Location"])
    page = manager.get(accept(manager, sheets)["Location"])
    reference = field_named(page, "Case ref", "SCR tracker")
    response = accept(manager, page, **{reference: ""})
    assert response.status_code == 400
    text = response.content.decode().replace("&#x27;", "'")
    assert "Choose the column of sheet 'SCR tracker' that holds" in text


def test_the_values_offer_codes_agencies_a_new_agency_and_not_known(manager: Client) -> None:
    data, name = build_tracker("council")
    sheets = manager.get(upload(manager, data, name)["Location"])
    columns = manager.get(accept(manager, sheets)["Location"])
    page = manager.get(accept(manager, columns)["Location"])
    text = page.content.decode()
    assert "Match the words in your tracker" in text
    form = page.context["form"]
    labels = [dict(field.field.choices) for field in form]
    assert any("Not known" in choices.values() for choices in labels)
    assert any("Thames Valley Police" in choices.values() for choices in labels)
    assert "Add a new agency called &#x27;Ambulance Service&#x27;" in text
    response = accept(manager, page, **{next(iter(form.fields)): "no-such-code"})
    assert response.status_code == 400
    assert "from the list" in response.content.decode()


def test_a_manager_imports_their_tracker_and_the_mapping_is_saved(
    manager: Client, partnership: Partnership
) -> None:
    data, name = build_tracker("council", cases=12)
    page = through_to_check(manager, data, name)
    text = page.content.decode()
    assert "Check what the import will do" in text and "Import the records" in text
    pending = PendingImport.objects.get()
    confirmed = manager.post(step_url("check", pending))
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("exchange:index")
    assert Referral.objects.filter(partnership=partnership).count() == 12
    assert Agency.objects.filter(partnership=partnership, name="Ambulance Service").exists()
    saved = SavedTrackerMapping.objects.get(partnership=partnership)
    assert saved.saved_by is not None and saved.saved_by.username == "manager@OSCB"
    assert not PendingImport.objects.exists()
    rows = AuditEvent.objects.filter(actor__username="manager@OSCB", action="create")
    assert rows.filter(object_type="referrals.referral").count() == 12
    landing = manager.get(confirmed["Location"]).content.decode()
    assert f"{name} has been imported" in landing


def test_the_saved_mapping_makes_the_next_upload_one_step_and_changes_nothing(
    manager: Client, partnership: Partnership
) -> None:
    data, name = build_tracker("council", cases=12)
    through_to_check(manager, data, name)
    manager.post(step_url("check", PendingImport.objects.get()))
    before, writes = table_counts(), AuditEvent.objects.filter(action__in=WRITES).count()

    again = upload(manager, data, name)
    pending = PendingImport.objects.get()
    assert again["Location"] == step_url("check", pending)  # straight to the check
    page = manager.get(again["Location"]).content.decode()
    assert "importing it would change nothing" in page
    assert "Change how the tracker is matched" in page
    manager.post(step_url("check", pending))
    after = table_counts()
    assert {k: v for k, v in after.items() if k != "core.AuditEvent"} == {
        k: v for k, v in before.items() if k != "core.AuditEvent"
    }
    assert AuditEvent.objects.filter(action__in=WRITES).count() == writes


def test_a_changed_cell_updates_the_same_record(manager: Client, partnership: Partnership) -> None:
    data, name = build_tracker("council", cases=12)
    through_to_check(manager, data, name)
    manager.post(step_url("check", PendingImport.objects.get()))
    book = load_workbook(io.BytesIO(data))
    book["SCR tracker"]["B4"] = "Child Q"  # the first case's pseudonym
    changed = io.BytesIO()
    book.save(changed)
    page = manager.get(upload(manager, changed.getvalue(), name)["Location"])
    assert page.status_code == 200
    manager.post(step_url("check", PendingImport.objects.get()))
    assert Referral.objects.filter(partnership=partnership).count() == 12
    assert partnership.pk and Referral.objects.filter(children__pseudonym="Child Q").exists()


def test_problems_are_listed_at_once_with_the_steps_to_change(manager: Client) -> None:
    data, name = build_tracker("council", cases=12)
    book = load_workbook(io.BytesIO(data))
    book["SCR tracker"]["C4"] = "31/02/2019"
    book["SCR tracker"]["C6"] = "soon"
    wrong = io.BytesIO()
    book.save(wrong)
    before = table_counts()
    page = through_to_check(manager, wrong.getvalue(), name)
    assert page.status_code == 400
    text = page.content.decode().replace("&#x27;", "'")
    assert "Your tracker cannot be imported yet" in text
    assert "31/02/2019" in text and "soon" in text
    pending = PendingImport.objects.get()
    for step in ("sheets", "columns", "values"):
        assert step_url(step, pending) in text
    assert manager.post(step_url("check", pending)).status_code == 400
    assert table_counts()["referrals.Referral"] == before["referrals.Referral"]


@pytest.mark.parametrize("step", ["sheets", "columns", "values", "check"])
def test_only_the_uploader_reaches_the_steps(
    manager: Client, client_as: Callable[..., Client], step: str
) -> None:
    data, name = build_tracker("council")
    upload(manager, data, name)
    url = step_url(step, PendingImport.objects.get())
    for other in (client_as("manager", "NMSCP"), client_as("reviewer"), client_as("scrutiny")):
        assert other.get(url).status_code == 404
        assert other.post(url, {}).status_code == 404
    assert manager.get(url).status_code in (200, 302)


def test_a_role_that_may_not_import_cannot_upload(client_as: Callable[..., Client]) -> None:
    data, name = build_tracker("council")
    assert upload(client_as("reviewer"), data, name).status_code == 403
    assert not PendingImport.objects.exists()


def test_the_template_filled_in_still_goes_to_its_own_check(manager: Client) -> None:
    sent = upload(manager, workbook_of(seed_document()), "oscb.xlsx")
    pending = PendingImport.objects.get()
    assert pending.holds != PendingImport.Holds.TRACKER
    assert sent["Location"] == reverse("exchange:check", kwargs={"pk": pending.pk})


def test_a_word_the_manager_matched_is_kept_for_the_next_upload(
    manager: Client, partnership: Partnership
) -> None:
    data, name = build_tracker("council", cases=12)
    book = load_workbook(io.BytesIO(data))
    book["SCR tracker"]["G7"] = "Under consideration"  # for "No review": no suggestion
    edited = io.BytesIO()
    book.save(edited)
    data = edited.getvalue()
    sheets = manager.get(upload(manager, data, name)["Location"])
    columns = manager.get(accept(manager, sheets)["Location"])
    values = manager.get(accept(manager, columns)["Location"])
    word = field_named(values, "Under consideration", "Decision")
    assert values.context["form"][word].value() == ""  # not known, until the manager says
    assert accept(manager, values, **{word: "no_review"}).status_code == 302
    confirmed = manager.post(step_url("check", PendingImport.objects.get()))
    assert confirmed.status_code == 302, confirmed.content.decode()[-3000:]
    decided = Referral.objects.get(partnership=partnership, reference="SCR-19-004")
    assert decided.decision.outcome == "no_review"
    saved = AuditEvent.objects.filter(object_type="exchange.savedtrackermapping")
    assert saved.filter(action="create", actor__username="manager@OSCB").count() == 1

    again = upload(manager, data, name)
    assert again["Location"] == step_url("check", PendingImport.objects.get())
    assert "importing it would change nothing" in manager.get(again["Location"]).content.decode()
