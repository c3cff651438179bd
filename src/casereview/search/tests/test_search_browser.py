"""Search in a browser: the box on every page, the results with the words found marked, a
filter, and the record a result links to. Every page passes axe-core and logs no console
error (testing/browser.PageChecks)."""

from __future__ import annotations

import io
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership
from casereview.demo.partnerships import demo_username
from casereview.reviews.models import Review
from casereview.search.indexing import reindex_partnership
from casereview.testing.browser import PageChecks, click_through, new_context, sign_in
from casereview.testing.records import make_review

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-5521"
PARTNERSHIP = "OSCB"


@pytest.fixture
def review(live_server: LiveServer, browser: Browser) -> Review:
    call_command("demo", password=PASSWORD, stdout=io.StringIO(), stderr=io.StringIO())
    partnership = Partnership.objects.get(code=PARTNERSHIP)
    found = make_review(
        partnership, title="Child Q", summary="The stepfathers were never asked to meetings."
    )
    reindex_partnership(partnership.pk)
    return found


def test_a_search_from_the_box_on_a_page_finds_the_review(
    live_server: LiveServer, browser: Browser, review: Review
) -> None:
    base = live_server.url
    page = new_context(browser).new_page()
    looks = PageChecks(page)
    sign_in(page, base, demo_username(Role.MANAGER, PARTNERSHIP), PASSWORD)
    looks.console.take()

    page.goto(urljoin(base, reverse("reviews:reviews")))
    page.get_by_label("Search records").fill("stepfather")
    click_through(page, "Search")
    looks(page)
    result = page.locator(".app-search-results li").first
    assert result.locator("mark").inner_text().lower() == "stepfathers"
    assert "Child Q" in result.inner_text()

    page.get_by_label("Agency action").check()
    page.locator("main").get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    looks(page)
    assert "Nothing you can see matches" in page.locator("main").inner_text()

    page.go_back()
    page.wait_for_load_state()
    page.get_by_role("link", name="Child Q").first.click()
    page.wait_for_load_state()
    looks(page)
    assert page.url.endswith(reverse("reviews:review", args=[review.pk]))
    assert looks.problems == [], looks.problems
