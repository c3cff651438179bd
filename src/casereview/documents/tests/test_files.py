"""A review's documents keep their files: each upload a version, checked by its contents,
stored apart from any public path, downloaded as an attachment, and every step audited."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.documents.models import DocumentFile
from casereview.documents.tests import files
from casereview.reviews.models import ReviewDocument
from casereview.testing.records import make_document, make_review

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def document(partnership: Partnership) -> ReviewDocument:
    return make_document(make_review(partnership), title="Overview report")


def upload(client: Client, document: ReviewDocument, name: str, body: bytes) -> Any:
    return client.post(
        reverse("documents:upload", args=[document.pk]),
        {"file": SimpleUploadedFile(name, body)},
    )


def download(client: Client, file: DocumentFile) -> bytes:
    response = client.get(reverse("documents:file-download", args=[file.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    return response.getvalue()


def test_each_upload_is_a_new_version_and_the_newest_is_shown_first(
    client_as: Callable[..., Client], document: ReviewDocument
) -> None:
    manager = client_as("manager")
    first = upload(manager, document, "Overview report draft.pdf", files.a_pdf("First draft."))
    assert first.status_code == 302
    second = upload(manager, document, "Overview report.docx", files.a_word_document("Final."))
    assert second.status_code == 302
    versions = list(document.files.order_by("version"))
    assert [(f.version, f.name, f.kind) for f in versions] == [
        (1, "Overview report draft.pdf", "pdf"),
        (2, "Overview report.docx", "word_document"),
    ]
    page = manager.get(reverse("documents:document", args=[document.pk])).content.decode()
    table = page[page.index("<tbody") :]
    assert table.index("Overview report.docx") < table.index("Overview report draft.pdf")
    assert table.count("Newest") == 1
    assert "Overview report.docx has been kept as version 2 of Overview report." in page


def test_a_download_is_the_file_as_uploaded_and_opens(
    client_as: Callable[..., Client], document: ReviewDocument
) -> None:
    manager = client_as("manager")
    pdf, word = files.a_pdf("Learning about escalation."), files.a_word_document("Fathers.")
    upload(manager, document, "report.pdf", pdf)
    upload(manager, document, "report.docx", word)
    first, second = document.files.order_by("version")
    got_pdf = download(manager, first)
    assert got_pdf == pdf
    text = pypdfium2.PdfDocument(got_pdf)[0].get_textpage().get_text_range()
    assert "Learning about escalation." in text
    got_word = download(manager, second)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(got_word)).paragraphs]
    assert "Fathers." in paragraphs
    response = manager.get(reverse("documents:file-download", args=[second.pk]))
    assert response["Content-Type"] == DOCX
    assert 'filename="report.docx"' in response["Content-Disposition"]


def test_every_upload_and_every_download_is_in_the_audit_trail(
    client_as: Callable[..., Client], document: ReviewDocument
) -> None:
    manager = client_as("manager")
    body = files.a_pdf()
    upload(manager, document, "report.pdf", body)
    kept = document.files.get()
    created = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="documents.documentfile"
    )
    assert created.actor_username == "manager@OSCB"
    assert created.object_id == str(kept.pk)
    assert created.changes["after"] == {
        "version": 1,
        "name": "report.pdf",
        "kind": "pdf",
        "size": len(body),
        "sha256": kept.sha256,
    }
    download(manager, kept)
    download(client_as("reviewer"), kept)
    downloads = AuditEvent.objects.filter(action=AuditAction.DOWNLOAD, object_id=str(kept.pk))
    assert [event.actor_username for event in downloads.order_by("id")] == [
        "manager@OSCB",
        "reviewer@OSCB",
    ]
    assert downloads.earliest("id").object_repr == "report.pdf, version 1 of Overview report"


@pytest.mark.parametrize(
    ("name", "body", "says"),
    [
        ("report.docx", files.a_pdf(), "report.docx is named as a Word document, but it is a PDF."),
        ("report.pdf", files.a_windows_program(), "report.pdf is a program"),
        ("setup.exe", files.a_windows_program(), "setup.exe is a program"),
        ("chronology.zip", files.a_zip_of_programs(), "it is a zip archive"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_kept(
    client_as: Callable[..., Client],
    document: ReviewDocument,
    documents_kept_apart: Path,
    name: str,
    body: bytes,
    says: str,
) -> None:
    before = sorted(documents_kept_apart.rglob("*"))
    response = upload(client_as("manager"), document, name, body)
    assert response.status_code == 400
    page = response.content.decode()
    assert says in page
    assert "There is a problem" in page
    assert not document.files.exists()
    assert sorted(documents_kept_apart.rglob("*")) == before
    assert not AuditEvent.objects.filter(object_type="documents.documentfile").exists()


def test_a_file_over_the_limit_is_dropped_as_it_arrives(
    client_as: Callable[..., Client], document: ReviewDocument, settings: object
) -> None:
    settings.DOCUMENT_MAX_BYTES = 64 * 1024  # type: ignore[attr-defined]
    response = upload(client_as("manager"), document, "scan.pdf", files.a_pdf() + bytes(70_000))
    assert response.status_code == 400
    assert "The selected file is larger than 64 KB" in response.content.decode()
    assert not document.files.exists()


def test_no_file_chosen_is_asked_for(
    client_as: Callable[..., Client], document: ReviewDocument
) -> None:
    response = client_as("manager").post(reverse("documents:upload", args=[document.pk]), {})
    assert response.status_code == 400
    assert "Select a file to upload" in response.content.decode()


def test_files_are_kept_under_the_services_own_names_outside_any_public_folder(
    client_as: Callable[..., Client], document: ReviewDocument, documents_kept_apart: Path
) -> None:
    upload(client_as("manager"), document, "../../Child J report.pdf", files.a_pdf())
    kept = document.files.get()
    assert kept.name == "Child J report.pdf"
    stored = documents_kept_apart / kept.stored_as
    assert stored.read_bytes() == files.a_pdf()
    assert "Child J" not in kept.stored_as
    assert kept.stored_as.startswith(f"{document.review.partnership_id}/")


def test_someone_who_may_only_read_the_review_downloads_but_cannot_upload(
    client_as: Callable[..., Client], document: ReviewDocument
) -> None:
    upload(client_as("manager"), document, "report.pdf", files.a_pdf())
    # The subgroup member may change reviews; scrutiny and agency leads see no review at all.
    for role in ("scrutiny", "agency_lead"):
        client = client_as(role)
        assert client.get(reverse("documents:document", args=[document.pk])).status_code == 404
        assert upload(client, document, "mine.pdf", files.a_pdf()).status_code == 404
        file = document.files.get()
        assert client.get(reverse("documents:file-download", args=[file.pk])).status_code == 404
    assert document.files.count() == 1


def test_another_partnership_finds_neither_the_document_nor_its_file(
    client_as: Callable[..., Client], document: ReviewDocument
) -> None:
    upload(client_as("manager"), document, "report.pdf", files.a_pdf())
    file = document.files.get()
    outsider = client_as("manager", "NMSCP")
    assert outsider.get(reverse("documents:document", args=[document.pk])).status_code == 404
    assert outsider.get(reverse("documents:file-download", args=[file.pk])).status_code == 404
    assert upload(outsider, document, "theirs.pdf", files.a_pdf()).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()


def test_the_review_page_links_each_document_to_its_files(
    client_as: Callable[..., Client], document: ReviewDocument
) -> None:
    page = client_as("manager").get(reverse("reviews:review", args=[document.review_id]))
    assert reverse("documents:document", args=[document.pk]) in page.content.decode()


def test_a_file_missing_from_storage_says_so_and_is_not_counted_as_downloaded(
    client_as: Callable[..., Client], document: ReviewDocument, documents_kept_apart: Path
) -> None:
    upload(client_as("manager"), document, "report.pdf", files.a_pdf())
    kept = document.files.get()
    (documents_kept_apart / kept.stored_as).unlink()
    response = client_as("manager").get(reverse("documents:file-download", args=[kept.pk]))
    assert response.status_code == 404
    assert "report.pdf (version 1) is recorded, but it is missing" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()
