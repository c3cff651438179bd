"""A referral's documents keep their files: the agencies' reports and chronologies for the
rapid review. Each upload a version, checked by its contents, downloaded as an attachment,
every step audited; seen and added only by those who may see and change the referral."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.timezone import localtime
from django_tasks_db.models import DBTaskResult

from casereview.accounts.models import Partnership, User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.documents.choices import TextState
from casereview.documents.models import ReferralFile, ReferralPage
from casereview.documents.services import store_text, upload_file
from casereview.documents.tests import files
from casereview.documents.tests.test_reading import PAGES, load_demo, run_the_worker_once
from casereview.referrals.models import ReferralDocument
from casereview.testing.fixtures import HOME_CODE
from casereview.testing.records import make_referral, make_referral_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def document(partnership: Partnership) -> ReferralDocument:
    return make_referral_document(make_referral(partnership), title="Police agency report")


def page_of(client: Client, document: ReferralDocument) -> Any:
    return client.get(reverse("documents:referral-document", args=[document.pk]))


def upload(client: Client, document: ReferralDocument, name: str, body: bytes) -> Any:
    return client.post(
        reverse("documents:referral-upload", args=[document.pk]),
        {"file": SimpleUploadedFile(name, body)},
    )


def download(client: Client, file: ReferralFile) -> Any:
    return client.get(reverse("documents:referral-file-download", args=[file.pk]))


def kept(document: ReferralDocument, name: str, body: bytes) -> ReferralFile:
    return upload_file(document, io.BytesIO(body), name=name, size=len(body), acting_user=None)


@pytest.mark.django_db
def test_each_upload_is_a_new_version_shown_newest_first_with_who_and_how_big(
    client_as: Callable[..., Client], demo_user: Callable[..., User], document: ReferralDocument
) -> None:
    manager = client_as("manager")
    page = page_of(manager, document).content.decode()
    assert "No file has been uploaded for this document." in page
    assert "Upload the file" in page
    first = upload(manager, document, "Police report draft.pdf", files.a_pdf("First draft."))
    assert first.status_code == 302
    assert first["Location"] == reverse("documents:referral-document", args=[document.pk])
    member = client_as("panel_member")
    second = upload(member, document, "Police report.docx", files.a_word_document())
    assert second.status_code == 302
    versions = list(document.files.order_by("version"))
    assert [(f.version, f.name, f.kind) for f in versions] == [
        (1, "Police report draft.pdf", "pdf"),
        (2, "Police report.docx", "word_document"),
    ]
    page = page_of(member, document).content.decode()
    assert "Police report.docx has been kept as version 2 of Police agency report." in page
    assert "Upload a new version" in page
    rows = page[page.index("<tbody") :].split("</tr>")
    assert "Police report.docx" in rows[0]
    assert "Newest" in rows[0]
    assert "Police report draft.pdf" in rows[1]
    assert "Newest" not in rows[1]
    for row, file, who in zip(
        rows, reversed(versions), [demo_user("panel_member"), demo_user("manager")], strict=False
    ):
        assert escape(str(who)) in row
        assert filesizeformat(file.size) in row
        assert date_format(localtime(file.uploaded_at), "j F Y, H:i") in row
        assert "Waiting to be read" in row


@pytest.mark.django_db
def test_a_download_is_the_file_as_uploaded_as_an_attachment_and_audited(
    client_as: Callable[..., Client], document: ReferralDocument
) -> None:
    manager = client_as("manager")
    word = files.a_word_document("Police were called three times.")
    upload(manager, document, "Police report.docx", word)
    file = document.files.get()
    created = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="documents.referralfile"
    )
    assert created.actor_username == "manager@OSCB"
    assert created.changes["after"] == {
        "version": 1,
        "name": "Police report.docx",
        "kind": "word_document",
        "size": len(word),
        "sha256": file.sha256,
    }

    response = download(client_as("panel_member"), file)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Police report.docx"' in response["Content-Disposition"]
    assert response["Content-Type"] == DOCX
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    got = response.getvalue()
    assert got == word
    paragraphs = [p.text for p in docx.Document(io.BytesIO(got)).paragraphs]
    assert "Police were called three times." in paragraphs

    (row,) = AuditEvent.objects.filter(action=AuditAction.DOWNLOAD, object_id=str(file.pk))
    assert row.object_type == "documents.referralfile"
    assert row.actor_username == "panel_member@OSCB"
    assert row.object_repr == "Police report.docx, version 1 of Police agency report"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "body", "says"),
    [
        ("report.docx", files.a_pdf(), "report.docx is named as a Word document, but it is a PDF."),
        ("report.pdf", files.a_windows_program(), "report.pdf is a program"),
        ("setup.exe", files.a_windows_program(), "setup.exe is a program"),
        ("chronology.pdf", files.a_linux_program(), "chronology.pdf is a program"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_kept(
    client_as: Callable[..., Client],
    document: ReferralDocument,
    documents_kept_apart: Path,
    name: str,
    body: bytes,
    says: str,
) -> None:
    before = sorted(documents_kept_apart.rglob("*"))
    response = upload(client_as("manager"), document, name, body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert says in page
    assert not document.files.exists()
    assert sorted(documents_kept_apart.rglob("*")) == before
    assert not AuditEvent.objects.filter(object_type="documents.referralfile").exists()


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(
    client_as: Callable[..., Client],
    document: ReferralDocument,
    documents_kept_apart: Path,
    settings: Any,
) -> None:
    settings.DOCUMENT_MAX_BYTES = 64 * 1024
    before = sorted(documents_kept_apart.rglob("*"))
    response = upload(client_as("manager"), document, "scan.pdf", files.a_pdf() + bytes(70_000))
    assert response.status_code == 400
    assert "The selected file is larger than 64 KB" in response.content.decode()
    assert not document.files.exists()
    assert sorted(documents_kept_apart.rglob("*")) == before


@pytest.mark.django_db
def test_files_are_kept_under_the_services_own_names_in_the_partnerships_folder(
    client_as: Callable[..., Client], document: ReferralDocument, documents_kept_apart: Path
) -> None:
    upload(client_as("manager"), document, "../Child K police report.pdf", files.a_pdf())
    file = document.files.get()
    assert file.name == "Child K police report.pdf"
    assert file.partnership_id == document.partnership_id
    assert file.stored_as.startswith(f"{document.partnership_id}/")
    assert "Child K" not in file.stored_as
    assert (documents_kept_apart / file.stored_as).read_bytes() == files.a_pdf()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["agency_lead", "scrutiny", "reviewer", "national_panel"])
def test_those_who_may_not_see_the_referral_find_neither_its_documents_nor_their_files(
    client_as: Callable[..., Client], document: ReferralDocument, role: str
) -> None:
    file = kept(document, "report.pdf", files.a_pdf())
    client = client_as(role)
    assert page_of(client, document).status_code == 404
    assert download(client, file).status_code == 404
    assert upload(client, document, "mine.pdf", files.a_pdf()).status_code == 404
    assert document.files.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "panel_member", "agency_lead", "national_panel"])
def test_another_partnership_finds_neither_the_document_nor_its_file(
    client_as: Callable[..., Client], document: ReferralDocument, role: str
) -> None:
    file = kept(document, "report.pdf", files.a_pdf())
    outsider = client_as(role, "NMSCP")
    assert page_of(outsider, document).status_code == 404
    assert download(outsider, file).status_code == 404
    assert upload(outsider, document, "theirs.pdf", files.a_pdf()).status_code == 404
    assert document.files.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()


@pytest.mark.django_db
def test_the_pages_are_read_and_the_page_says_how_many_or_why_not(
    client_as: Callable[..., Client], document: ReferralDocument
) -> None:
    report = kept(document, "report.pdf", files.a_pdf_of_pages(PAGES))
    assert store_text(report) == TextState.READ
    assert list(report.pages.values_list("number", flat=True)) == [1, 2, 3]
    assert "father was not invited" in report.pages.get(number=2).text
    assert "Read, 3 pages" in page_of(client_as("manager"), document).content.decode()

    scan = kept(document, "scan.pdf", files.a_pdf_without_text())
    assert store_text(scan) == TextState.UNREADABLE
    html = page_of(client_as("manager"), document).content.decode()
    assert "Cannot be read" in html
    assert "searches will not find its words" in html
    # A referral's pages are the referral's: a review's pages are another table.
    assert ReferralPage.objects.filter(file__document=document).count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_upload_queues_its_reading_and_the_worker_reads_it_into_the_referrals_pages() -> None:
    """Transactional, as the review documents' worker test is: the demo is loaded here."""
    load_demo()
    partnership = Partnership.objects.get(code=HOME_CODE)
    document = make_referral_document(make_referral(partnership), title="Chronology")
    file = kept(document, "chronology.docx", files.a_word_document_of_pages(PAGES))
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("read_file_text")
    assert queued.args_kwargs["args"] == [file.pk, "documents.referralfile"]
    run_the_worker_once()
    file.refresh_from_db()
    assert file.text_state == TextState.READ
    assert [page.text.splitlines()[0] for page in file.pages.all()] == PAGES
