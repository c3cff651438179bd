"""An agency's report on a referral in a browser: the business manager adds the police's
report to the referral for the rapid review, uploads its file and downloads it. Every page
passes axe-core and logs no console error (testing/browser.PageChecks)."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership
from casereview.demo.partnerships import demo_username
from casereview.documents.tests import files
from casereview.referrals.models import Referral
from casereview.testing.browser import PageChecks, click_through, new_context, sign_in
from casereview.testing.records import make_referral

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-7305"
PARTNERSHIP = "OSCB"
AGENCY = "Thames Valley Police"


@pytest.fixture
def referral(live_server: LiveServer, browser: Browser) -> Referral:
    call_command(
        "demo", password=PASSWORD, without_seed=True, stdout=io.StringIO(), stderr=io.StringIO()
    )
    return make_referral(Partnership.objects.get(code=PARTNERSHIP))


def test_an_agency_report_is_added_to_a_referral_uploaded_and_downloaded(
    live_server: LiveServer, browser: Browser, referral: Referral, tmp_path: Path
) -> None:
    base = live_server.url
    page = new_context(browser, accept_downloads=True).new_page()
    looks = PageChecks(page, error_pages=True)
    sign_in(page, base, demo_username(Role.MANAGER, PARTNERSHIP), PASSWORD)
    looks.console.take()

    page.goto(urljoin(base, reverse("referrals:referral", args=[referral.pk])))
    looks(page)
    assert "No documents recorded." in page.content()
    page.get_by_role("link", name="Add a document").click()
    page.wait_for_load_state()
    looks(page)
    page.get_by_label("Title").fill("Police agency report")
    page.get_by_label("Agency report").check()
    page.get_by_label("Sent by").select_option(label=AGENCY)
    click_through(page, "Add the document")
    looks(page)
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "The document Police agency report has been added." in banner
    assert "No file has been uploaded for this document." in page.content()

    page.get_by_role("link", name="Upload the file").click()
    page.wait_for_load_state()
    looks(page)
    report = tmp_path / "Police report.pdf"
    report.write_bytes(files.a_pdf("Officers attended the home three times."))
    page.get_by_label("Upload a file").set_input_files(str(report))
    click_through(page, "Save the file")
    looks(page)
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "Police report.pdf has been kept as version 1 of Police agency report." in banner
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Waiting to be read" in rows.nth(0).inner_text()

    with page.expect_download() as downloading:
        rows.nth(0).get_by_role("link").click()
    saved = tmp_path / "downloaded.pdf"
    downloading.value.save_as(saved)
    assert downloading.value.suggested_filename == "Police report.pdf"
    assert saved.read_bytes() == report.read_bytes()

    page.get_by_role("link", name=f"Back to referral {referral.reference}").click()
    page.wait_for_load_state()
    looks(page)
    documents = page.locator("h2:has-text('Documents') + ul")
    assert f"Police agency report Agency report, from {AGENCY}" in " ".join(
        documents.inner_text().split()
    )
    assert looks.problems == [], looks.problems
