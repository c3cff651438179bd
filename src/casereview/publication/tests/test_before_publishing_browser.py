"""Before publication, in a browser: the business manager uploads the overview report with a
name in it, sees the finding, is refused publication, marks the name to be removed, uploads
the corrected version, sees its check is clean, and publishes. The worker reads each upload
as `casereview db_worker` does. Every page passes axe-core (testing/browser.PageChecks)."""

from __future__ import annotations

import datetime as dt
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
from casereview.reviews import services as reviews
from casereview.reviews.choices import DocumentKind
from casereview.reviews.models import Review
from casereview.testing.browser import PageChecks, click_through, new_context, sign_in
from casereview.testing.records import make_document, make_review

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-5123"
PARTNERSHIP = "OSCB"
NAMED = [
    "Overview report: Child P",
    "Child P lived with her mother and Mr Jordan Smith, her mother's partner.\n\n"
    "The health visitor saw Child P at home in March.",
]
CORRECTED = [
    "Overview report: Child P",
    "Child P lived with her mother and her mother's partner.\n\n"
    "The health visitor saw Child P at home in March.",
]


@pytest.fixture
def review(live_server: LiveServer, browser: Browser) -> Review:
    call_command("demo", password=PASSWORD, stdout=io.StringIO(), stderr=io.StringIO())
    review = make_review(Partnership.objects.get(code=PARTNERSHIP), title="Child P")
    reviews.sign_off_review(review, signed_off=dt.date(2016, 6, 1), acting_user=None)
    make_document(review, kind=DocumentKind.OVERVIEW_REPORT, title="Overview report")
    return review


def run_the_worker() -> None:
    """`casereview db_worker`, for what is queued."""
    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )


def go(page: Page, looks: PageChecks, link: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=True).first.click()
    looks(page)


def words_in(page: Page, selector: str) -> str:
    """The words of a part of the page, as a screen reader reads them."""
    return " ".join((page.locator(selector).text_content() or "").split())


def open_check(page: Page, looks: PageChecks, version: int) -> None:
    with page.expect_navigation():
        page.locator("#identifying-details a").filter(has_text=f"Version {version}").click()
    looks(page)


def upload(page: Page, looks: PageChecks, path: Path, link: str) -> None:
    go(page, looks, link)
    page.get_by_label("Upload a file").set_input_files(str(path))
    click_through(page, "Save the file")
    looks(page)
    run_the_worker()
    page.reload()
    looks(page)


def try_to_publish(page: Page, looks: PageChecks, review: Review) -> None:
    page.goto(urljoin(page.url, reverse("reviews:review", args=[review.pk])))
    go(page, looks, "Record publication")
    for part, value in enumerate((4, 9, 2016)):
        page.locator(f"#id_published_{part}").fill(str(value))
    if page.get_by_label("Record publication with these still open").count():
        page.get_by_label("Record publication with these still open").check()
    click_through(page, "Continue")
    looks(page)


def test_a_report_with_a_name_is_corrected_checked_clean_and_published(
    live_server: LiveServer, browser: Browser, review: Review, tmp_path: Path
) -> None:
    page = new_context(browser).new_page()
    looks = PageChecks(page, error_pages=True)
    sign_in(page, live_server.url, demo_username(Role.MANAGER, PARTNERSHIP), PASSWORD)
    looks.console.take()
    page.goto(urljoin(live_server.url, reverse("reviews:review", args=[review.pk])))
    looks(page)
    go(page, looks, "Overview report")

    named = tmp_path / "Overview report.pdf"
    named.write_bytes(files.a_pdf_of_pages(NAMED))
    upload(page, looks, named, "Upload the file")
    section = words_in(page, "#identifying-details")
    assert "Version 1, identifying details: 1 finding, 1 not yet decided" in section

    open_check(page, looks, 1)
    row = page.locator("tbody tr").filter(has_text="Jordan Smith")
    assert "Page 2, paragraph 1" in row.inner_text()
    assert "her mother and Mr Jordan Smith" in row.inner_text()

    try_to_publish(page, looks, review)
    refused = page.locator(".govuk-error-summary").inner_text()
    assert "Overview report, version 1: 1 identifying detail not yet marked removed" in refused

    page.goto(urljoin(live_server.url, reverse("reviews:review", args=[review.pk])))
    go(page, looks, "Overview report, version 1")
    go(page, looks, "Decide on Jordan Smith, page 2")
    page.get_by_label("Removed in the next version").check()
    click_through(page, "Save the decision")
    looks(page)
    assert "Removed in the next version" in page.locator("tbody").inner_text()

    try_to_publish(page, looks, review)
    assert "Upload the corrected version" in page.locator(".govuk-error-summary").inner_text()

    page.goto(urljoin(live_server.url, reverse("reviews:review", args=[review.pk])))
    go(page, looks, "Overview report")
    corrected = tmp_path / "Overview report corrected.pdf"
    corrected.write_bytes(files.a_pdf_of_pages(CORRECTED))
    upload(page, looks, corrected, "Upload a new version")
    section = words_in(page, "#identifying-details")
    assert "Version 2, identifying details: no identifying details found" in section
    open_check(page, looks, 2)
    assert "No identifying details found" in page.locator(".govuk-panel").inner_text()

    try_to_publish(page, looks, review)
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "The review is now published." in banner
    assert looks.problems == [], looks.problems
