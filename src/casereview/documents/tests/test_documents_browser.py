"""A document's file in a browser: the business manager uploads a file that is not what its
name says and is told so, uploads the real one and then a new version, and downloads it.
Every page passes axe-core and logs no console error (testing/browser.PageChecks)."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership
from casereview.demo.partnerships import demo_username
from casereview.documents.tests import files
from casereview.reviews.models import ReviewDocument
from casereview.testing.browser import PageChecks, click_through, new_context, sign_in
from casereview.testing.records import make_document, make_review

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-4417"
PARTNERSHIP = "OSCB"


@pytest.fixture
def document(live_server: LiveServer, browser: Browser) -> ReviewDocument:
    call_command("demo", password=PASSWORD, stdout=io.StringIO(), stderr=io.StringIO())
    review = make_review(Partnership.objects.get(code=PARTNERSHIP), title="Child P")
    return make_document(review, title="Overview report")


def choose_and_upload(page: Page, looks: PageChecks, path: Path) -> None:
    page.get_by_label("Upload a file").set_input_files(str(path))
    click_through(page, "Save the file")
    looks(page)


def test_a_file_is_uploaded_refused_corrected_versioned_and_downloaded(
    live_server: LiveServer, browser: Browser, document: ReviewDocument, tmp_path: Path
) -> None:
    base = live_server.url
    page = new_context(browser, accept_downloads=True).new_page()
    looks = PageChecks(page, error_pages=True)
    sign_in(page, base, demo_username(Role.MANAGER, PARTNERSHIP), PASSWORD)
    looks.console.take()

    page.goto(urljoin(base, reverse("reviews:review", args=[document.review_id])))
    looks(page)
    page.get_by_role("link", name="Overview report").click()
    page.wait_for_load_state()
    looks(page)
    assert "No file has been uploaded for this document." in page.content()
    page.get_by_role("link", name="Upload the file").click()
    page.wait_for_load_state()
    looks(page)

    renamed = tmp_path / "Overview report.docx"
    renamed.write_bytes(files.a_pdf())
    choose_and_upload(page, looks, renamed)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Overview report.docx is named as a Word document, but it is a PDF." in summary

    real = tmp_path / "Overview report.pdf"
    real.write_bytes(files.a_pdf("The first draft."))
    choose_and_upload(page, looks, real)
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "Overview report.pdf has been kept as version 1 of Overview report." in banner

    page.get_by_role("link", name="Upload a new version").click()
    page.wait_for_load_state()
    final = tmp_path / "Overview report final.docx"
    final.write_bytes(files.a_word_document("The final report."))
    choose_and_upload(page, looks, final)
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert "Overview report final.docx" in rows.nth(0).inner_text()
    assert "Newest" in rows.nth(0).inner_text()

    with page.expect_download() as downloading:
        rows.nth(1).get_by_role("link").click()
    saved = tmp_path / "downloaded.pdf"
    downloading.value.save_as(saved)
    assert downloading.value.suggested_filename == "Overview report.pdf"
    assert saved.read_bytes() == real.read_bytes()
    assert looks.problems == [], looks.problems
