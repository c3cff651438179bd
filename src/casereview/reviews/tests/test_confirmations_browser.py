"""Each thing added to a review says so, in a browser (issue 14, "Confirmations missing").

The business manager of the demo partnership adds, through the pages, a learning point, a
family contribution, a parallel process, a recommendation and an action to a review; each
lands on a page with a GOV.UK success banner naming what was added, and the recommendation and
action forms have a Back link to the action plan. Every page passes axe-core and logs no
console error (testing/browser.PageChecks).
"""

from __future__ import annotations

import io
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Partnership
from casereview.actionplans.models import Recommendation
from casereview.demo.partnerships import demo_username
from casereview.reviews.models import Review
from casereview.testing.browser import (
    PageChecks,
    new_context,
    sign_in,
)
from casereview.testing.records import make_review

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-7731"
PARTNERSHIP = "OSCB"


@pytest.fixture
def review(live_server: LiveServer, browser: Browser) -> Review:
    call_command("demo", password=PASSWORD, stdout=io.StringIO(), stderr=io.StringIO())
    return make_review(Partnership.objects.get(code=PARTNERSHIP), title="Child P")


def banner(page: Page) -> str:
    found = page.locator(".govuk-notification-banner--success")
    assert found.count() == 1, f"no confirmation on {page.url}"
    return " ".join(found.inner_text().split())


def send(page: Page, looks: PageChecks, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    looks(page)


def test_each_thing_added_to_a_review_is_confirmed(
    live_server: LiveServer, browser: Browser, review: Review
) -> None:
    base = live_server.url
    context = new_context(browser)
    page = context.new_page()
    looks = PageChecks(page)
    sign_in(page, base, demo_username(Role.MANAGER, PARTNERSHIP), PASSWORD)
    looks.console.take()  # the sign-in pages are checked in core/tests/test_browser.py

    def open_form(name: str, *args: object) -> None:
        page.goto(urljoin(base, reverse(name, args=args)))
        looks(page)

    open_form("reviews:point-add", review.pk)
    page.get_by_label("Learning point").fill("Ask who else lives in the home.")
    send(page, looks, "Save")
    assert "Learning point 2 has been added." in banner(page)

    open_form("reviews:family-add", review.pk)
    page.get_by_label("Family member").fill("grandmother")
    send(page, looks, "Save")
    assert "The family contribution (grandmother) has been recorded." in banner(page)

    open_form("reviews:process-add", review.pk)
    page.get_by_label("Inquest").check()
    page.get_by_label("Ongoing").check()
    send(page, looks, "Save")
    assert "Inquest (ongoing) has been added to the review." in banner(page)

    plan = reverse("actionplans:review-plan", args=[review.pk])
    open_form("actionplans:recommendation-add", review.pk)
    assert page.get_by_role("link", name="Back").get_attribute("href") == plan
    page.get_by_label("Number").fill("1")
    page.get_by_label("Recommendation").fill("Agencies should ask who lives in the home.")
    send(page, looks, "Save")
    assert page.url.endswith(plan)
    assert "Recommendation 1 has been added." in banner(page)

    recommendation = Recommendation.objects.get(review=review, number=1)
    police = Agency.objects.get(partnership=review.partnership, external_key="tvp")
    open_form("actionplans:action-add", recommendation.pk)
    assert page.get_by_role("link", name="Back").get_attribute("href") == plan
    page.get_by_label("Action", exact=True).fill("Brief officers on asking who lives there.")
    page.get_by_label("Agency that owns it").select_option(label=police.name)
    send(page, looks, "Save")
    assert f"The action for {police.name} has been added to recommendation 1." in banner(page)

    assert looks.problems == [], looks.problems
    context.close()
