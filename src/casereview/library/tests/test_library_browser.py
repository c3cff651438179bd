"""The library in a browser: a board member of one partnership finds another partnership's
published learning by its words, opens it, and sees the published reviews like it; a business
manager opens, on a review's own page, the published reviews like it, loaded in place. Every page
passes axe-core and logs no console error (testing/browser.PageChecks)."""

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
from casereview.reviews import services as review_services
from casereview.reviews.models import Review
from casereview.search.indexing import reindex_partnership
from casereview.testing.browser import PageChecks, click_through, new_context, sign_in
from casereview.testing.fixtures import HOME_CODE, OTHER_CODE
from casereview.testing.records import make_published_review, make_review
from casereview.themes.models import Theme

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-7342"


@pytest.fixture
def shelves(live_server: LiveServer, browser: Browser) -> dict[str, Review]:
    call_command("demo", password=PASSWORD, stdout=io.StringIO(), stderr=io.StringIO())
    home = Partnership.objects.get(code=HOME_CODE)
    other = Partnership.objects.get(code=OTHER_CODE)
    published = make_published_review(
        home,
        title="Child Larchfield",
        background="No one asked the stepfathers to the core group meetings.",
        themes=("neglect", "engaging_fathers"),
    )
    alike = make_published_review(
        other, title="Child Hollinsend", themes=("neglect", "engaging_fathers")
    )
    ongoing = make_review(home, title="Child Marlowe")
    fathers = Theme.objects.get(code="engaging_fathers", partnership=None)
    review_services.change_review(ongoing, acting_user=None, themes=[fathers])
    reindex_partnership(home.pk)
    reindex_partnership(other.pk)
    return {"published": published, "alike": alike, "ongoing": ongoing}


def test_a_board_member_finds_another_partnerships_published_learning(
    live_server: LiveServer, browser: Browser, shelves: dict[str, Review]
) -> None:
    base = live_server.url
    page = new_context(browser).new_page()
    looks = PageChecks(page)
    sign_in(page, base, demo_username(Role.SCRUTINY, OTHER_CODE), PASSWORD)
    looks.console.take()

    page.get_by_role("link", name="Learning").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Library of published learning").first.click()
    page.wait_for_load_state()
    looks(page)
    page.get_by_label("Words in their learning").fill("stepfather")
    click_through(page, "Search the library")
    looks(page)
    table = page.locator("main table")
    assert table.locator("mark").first.inner_text().lower() == "stepfathers"
    assert "Child Hollinsend" not in table.inner_text()

    table.get_by_role("link", name="Child Larchfield").click()
    page.wait_for_load_state()
    looks(page)
    main = page.locator("main").inner_text()
    assert "No one asked the stepfathers" in main
    assert "Shares 2 of this review's 2 themes" in main
    page.get_by_role("link", name="Child Hollinsend").click()
    page.wait_for_load_state()
    looks(page)
    assert page.url.endswith(reverse("library:published-review", args=[shelves["alike"].pk]))
    assert looks.problems == [], looks.problems


def test_a_reviews_page_loads_the_published_reviews_like_it_in_place(
    live_server: LiveServer, browser: Browser, shelves: dict[str, Review]
) -> None:
    base = live_server.url
    page = new_context(browser).new_page()
    looks = PageChecks(page)
    sign_in(page, base, demo_username(Role.MANAGER, HOME_CODE), PASSWORD)
    looks.console.take()

    page.goto(urljoin(base, reverse("reviews:review", args=[shelves["ongoing"].pk])))
    section = page.locator("#reviews-like")
    section.get_by_text("The published reviews of every partnership").click()
    section.locator(".app-reviews-like").wait_for()
    looks(page)
    listed = section.inner_text()
    assert "Child Larchfield" in listed and "Child Hollinsend" in listed
    assert "Shares 1 of this review's 1 theme: Fathers and male carers" in listed
    assert page.url.endswith(reverse("reviews:review", args=[shelves["ongoing"].pk]))
    assert looks.problems == [], looks.problems
