"""A kept file's text is read page by page for search, in the background; a file whose text
cannot be read says so on its page."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from casereview.accounts.models import Partnership
from casereview.documents.choices import FileKind, TextState
from casereview.documents.models import DocumentFile
from casereview.documents.reading import NO_TEXT, read_text
from casereview.documents.services import store_text, upload_file
from casereview.documents.tasks import read_file_text
from casereview.documents.tests import files
from casereview.reviews.models import ReviewDocument
from casereview.testing.fixtures import DEMO_PASSWORD, HOME_CODE
from casereview.testing.records import make_document, make_review

PAGES = [
    "Page one: the family moved three times.",
    "Page two: the father was not invited to meetings.",
    "Page three: escalation between agencies.",
]


def test_a_pdf_is_read_page_by_page() -> None:
    read = read_text(FileKind.PDF, files.a_pdf_of_pages(PAGES))
    assert read.problem == ""
    assert len(read.pages) == 3
    for text, page in zip(PAGES, read.pages, strict=True):
        assert text in " ".join(page.split())


def test_a_word_document_is_read_page_by_page_with_its_tables() -> None:
    read = read_text(FileKind.WORD, files.a_word_document_of_pages(PAGES))
    assert [page.splitlines()[0] for page in read.pages] == PAGES
    assert "Health visiting" in read.pages[-1]


def test_a_text_file_is_one_page_unless_it_has_form_feeds() -> None:
    assert read_text(FileKind.TEXT, b"Notes\r\nof a meeting").pages == ["Notes\nof a meeting"]
    assert read_text(FileKind.TEXT, b"one\fTWO").pages == ["one", "TWO"]


def test_a_scan_with_no_text_says_searches_will_not_find_it() -> None:
    read = read_text(FileKind.PDF, files.a_pdf_without_text())
    assert read.pages == []
    assert read.problem == NO_TEXT


def test_a_damaged_pdf_says_so() -> None:
    read = read_text(FileKind.PDF, b"%PDF-1.7\nnot really a PDF at all")
    assert read.problem == "The PDF is damaged, so its text cannot be read. Save it again."


@pytest.fixture
def document(partnership: Partnership) -> ReviewDocument:
    return make_document(make_review(partnership), title="Overview report")


def kept(document: ReviewDocument, name: str, body: bytes) -> DocumentFile:
    return upload_file(document, io.BytesIO(body), name=name, size=len(body), acting_user=None)


@pytest.mark.django_db
def test_the_pages_are_stored_and_the_page_says_how_many(
    document: ReviewDocument, client_as: Callable[..., Client]
) -> None:
    file = kept(document, "report.pdf", files.a_pdf_of_pages(PAGES))
    assert file.text_state == TextState.WAITING
    page = client_as("manager").get(reverse("documents:document", args=[document.pk]))
    assert "Waiting to be read" in page.content.decode()
    assert store_text(file) == TextState.READ
    assert [p.number for p in file.pages.all()] == [1, 2, 3]
    assert "father was not invited" in file.pages.get(number=2).text
    page = client_as("manager").get(reverse("documents:document", args=[document.pk]))
    assert "Read, 3 pages" in page.content.decode()


@pytest.mark.django_db
def test_a_file_whose_text_cannot_be_read_says_so_on_its_page(
    document: ReviewDocument, client_as: Callable[..., Client]
) -> None:
    file = kept(document, "scan.pdf", files.a_pdf_without_text())
    store_text(file)
    assert file.text_state == TextState.UNREADABLE
    assert not file.pages.exists()
    page = client_as("manager").get(reverse("documents:document", args=[document.pk]))
    html = page.content.decode()
    assert "Cannot be read" in html
    assert "searches will not find its words" in html


@pytest.mark.django_db
def test_reading_again_replaces_the_pages_read_before(document: ReviewDocument) -> None:
    file = kept(document, "notes.txt", b"first\fsecond")
    store_text(file)
    store_text(file)
    assert list(file.pages.values_list("number", "text")) == [(1, "first"), (2, "second")]


def load_demo() -> None:
    """The demo, loaded inside a transactional test: the worker closes the connections it
    finds inside a transaction, so the session's demo (kept in one) cannot be used."""
    call_command(
        "demo",
        password=DEMO_PASSWORD,
        without_seed=True,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def run_the_worker_once() -> None:
    """`casereview db_worker`, for the one task queued."""
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--max-tasks",
        "1",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


@pytest.mark.django_db(transaction=True)
def test_an_upload_queues_its_reading_and_the_worker_does_it() -> None:
    """Transactional, as the reminders' worker test is (actionplans): the worker closes the
    connections it finds inside a transaction; so the demo is loaded here, not kept."""
    load_demo()
    partnership = Partnership.objects.get(code=HOME_CODE)
    document = make_document(make_review(partnership), title="Chronology")
    file = kept(document, "chronology.docx", files.a_word_document_of_pages(PAGES))
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("read_file_text")
    assert queued.args_kwargs["args"] == [file.pk, "documents.documentfile"]
    run_the_worker_once()
    file.refresh_from_db()
    assert file.text_state == TextState.READ
    assert file.pages.count() == 3


@pytest.mark.django_db
def test_a_reading_queued_with_the_files_id_alone_reads_a_reviews_file(
    document: ReviewDocument,
) -> None:
    """As queued before referrals' files were kept: the task still finds a review's file."""
    file = kept(document, "notes.txt", b"first\fsecond")
    assert read_file_text.call(file.pk) == TextState.READ
    assert list(file.pages.values_list("number", "text")) == [(1, "first"), (2, "second")]
