"""Every page a browser reaches is accessible: axe-core finds nothing serious or critical.

Headless Chromium signs in as each role of the demo partnership OSCB and follows every link
from the home page; the signed-out pages (sign-in, with and without an error, the footer's
pages and a 404) are checked too. Each page must answer 200 (or the status it is meant to),
pass axe-core's WCAG 2.x A and AA and best-practice rules at serious and critical impact, and
log no browser console error: no Content-Security-Policy violation, no failed resource, no
uncaught exception.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import Role
from casereview.accounts.models import Membership, Partnership, User
from casereview.accounts.permissions import role_may
from casereview.core.navigation import NAVIGATION
from casereview.demo.partnerships import demo_username
from casereview.referrals.models import Referral
from casereview.testing.browser import (
    ConsoleErrors,
    axe_violations,
    code_from,
    crawl,
    is_benign,
    new_context,
    sign_in,
    submit_sign_in,
)
from casereview.testing.records import (
    make_action,
    make_contested_referral,
    make_learning_event,
    make_referral,
    make_review,
)

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-4821"
PARTNERSHIP = "OSCB"
PAGE_LIMIT = 100


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo(live_server: LiveServer, allow_async_unsafe: None) -> None:
    call_command("demo", password=PASSWORD, stdout=io.StringIO(), stderr=io.StringIO())
    add_records_to_reach()


def add_records_to_reach() -> None:
    """Records behind every kind of page: a referral awaiting a decision, one decided and
    contested by the national panel, a review in progress with an action, and a learning
    event."""
    home = Partnership.objects.get(code=PARTNERSHIP)
    make_referral(home)
    make_contested_referral(home)
    make_action(home, review=make_review(home))
    make_learning_event(home)


class Findings:
    """What is wrong, page by page, for one failure message that says how to fix it."""

    def __init__(self, who: str) -> None:
        self.who = who
        self.pages: dict[str, list[str]] = {}

    def add(self, url: str, problem: str) -> None:
        self.pages.setdefault(url, []).append(problem)

    def check(
        self,
        page: Page,
        console: ConsoleErrors,
        url: str,
        status: int | None,
        *,
        expected_status: int = 200,
    ) -> None:
        if status != expected_status:
            self.add(url, f"answered {status}, not {expected_status}")
        for violation in axe_violations(page):
            self.add(url, f"axe: {violation.describe()}")
        for entry in console.take():
            if not is_benign(entry, page.url, error_status_expected=expected_status != 200):
                self.add(url, f"browser {entry}")

    def message(self) -> str:
        count = sum(len(problems) for problems in self.pages.values())
        lines = [f"{count} problem(s) on {len(self.pages)} page(s), as {self.who}:"]
        for url, problems in self.pages.items():
            lines.append(url)
            lines.extend(f"  - {problem}" for problem in problems)
        return "\n".join(lines)


def is_not_sign_out(url: str) -> bool:
    return urlsplit(url).path != reverse("accounts:sign-out")


def a_few_of_each_kind(most: int = 2) -> Callable[[str], bool]:
    """Follow at most `most` pages of each URL pattern: records of a kind share a template,
    so a few of them show what all of them would."""
    accepted: dict[str, set[str]] = {}

    def follow(url: str) -> bool:
        path = urlsplit(url).path
        if not is_not_sign_out(url):
            return False
        try:
            kind = resolve(path).view_name
        except Resolver404:
            return True  # a broken link: visit it, so the crawl reports it
        paths = accepted.setdefault(kind, set())
        if path in paths or len(paths) < most:
            paths.add(path)
            return True
        return False

    return follow


@pytest.mark.parametrize("role", Role.values)
def test_every_page_a_role_reaches_is_accessible(
    live_server: LiveServer, demo: None, page: Page, role: str
) -> None:
    base = live_server.url
    username = demo_username(role, PARTNERSHIP)
    console = ConsoleErrors(page)
    findings = Findings(username)

    sign_in(page, base, username, PASSWORD)
    for entry in console.take():  # from the sign-in page and its form
        if not is_benign(entry, page.url, error_status_expected=False):
            findings.add(urljoin(base, reverse("accounts:sign-in")), f"browser {entry}")

    visited = []
    for visit in crawl(
        page, urljoin(base, reverse("home")), limit=PAGE_LIMIT, follow=a_few_of_each_kind()
    ):
        visited.append(urlsplit(visit.final_url).path)
        if urlsplit(visit.final_url).path == reverse("accounts:sign-in"):
            findings.add(visit.url, "sent back to the sign-in page: the session was lost")
        findings.check(page, console, visit.url, visit.status)

    assert not findings.pages, findings.message()
    # The crawl went everywhere the service navigation offers this role.
    has_agency = Membership.objects.filter(
        user__username=username, partnership__code=PARTNERSHIP, agency__isnull=False
    ).exists()
    offered = {
        reverse(e.url_name, args=e.args)
        for e in NAVIGATION
        if role_may(role, e.action, e.resource) and (has_agency or not e.needs_agency)
    }
    assert offered <= set(visited), f"the crawl missed {offered - set(visited)}"


def test_signed_out_pages_are_accessible(live_server: LiveServer, demo: None, page: Page) -> None:
    base = live_server.url
    console = ConsoleErrors(page)
    findings = Findings("a signed-out visitor")

    for name in ("accounts:sign-in", "cookies", "accessibility", "privacy"):
        url = urljoin(base, reverse(name))
        response = page.goto(url)
        findings.check(page, console, url, response.status if response else None)

    url = urljoin(base, "/no-such-page/")
    response = page.goto(url)
    findings.check(page, console, url, response.status if response else None, expected_status=404)
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"

    # The sign-in form sent back with an error.
    response = submit_sign_in(page, base, demo_username(Role.MANAGER, PARTNERSHIP), "wrong" * 4)
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible(), "the error summary is not shown"
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error: ")
    # GOV.UK Frontend's script ran, under the policy, and moved focus to the summary.
    assert summary.evaluate("element => element === document.activeElement")
    findings.check(page, console, page.url, response.status, expected_status=400)

    assert not findings.pages, findings.message()


def test_console_check_catches_a_csp_violation(live_server: LiveServer, page: Page) -> None:
    """The console check is live: the policy is enforced, and a breach of it is caught."""
    console = ConsoleErrors(page)
    page.goto(urljoin(live_server.url, reverse("cookies")))
    assert console.take() == []
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.body.append(s); }"
    )
    assert page.evaluate("window.inlineRan") is None
    errors = console.take()
    assert any("Content Security Policy" in str(entry) for entry in errors), errors


def test_a_person_with_two_roles_chooses_where_to_act(
    live_server: LiveServer, demo: None, page: Page
) -> None:
    """After signing in, someone in two partnerships picks one; the page passes axe too."""
    username = demo_username(Role.PANEL_MEMBER, PARTNERSHIP)
    Membership.objects.get_or_create(
        user=User.objects.get(username=username),
        partnership=Partnership.objects.get(code="NMSCP"),
        role=Role.SCRUTINY,
    )
    console = ConsoleErrors(page)
    sign_in(page, live_server.url, username, PASSWORD)
    assert urlsplit(page.url).path == reverse("accounts:choose-partnership")
    assert not axe_violations(page), [v.describe() for v in axe_violations(page)]
    page.get_by_label("Oxfordshire Safeguarding Children Board, subgroup member").check()
    page.get_by_role("button", name="Continue").click()
    assert urlsplit(page.url).path == reverse("home")
    assert page.get_by_role("link", name="Case work").is_visible()
    assert page.get_by_role("link", name="Change partnership").is_visible()
    assert not [
        e for e in console.take() if not is_benign(e, page.url, error_status_expected=False)
    ]


def write_summary(page: Page, text: str) -> None:
    """Types the summary and leaves the box, letting the assessment preview it asks for finish
    (sent on leaving, it would otherwise race the form being sent)."""
    page.get_by_label("Summary").fill(text)
    with page.expect_response(lambda response: "/referrals/assess/" in response.url):
        page.get_by_label("Summary").press("Tab")


def test_two_people_save_the_same_referral_and_the_second_is_told_what_changed(
    live_server: LiveServer, demo: None, browser: Browser
) -> None:
    """Both open the referral's change form; the first saves; the second's save is refused
    with the first person's value beside theirs, and goes through when sent again."""
    referral = Referral.objects.filter(partnership__code=PARTNERSHIP).order_by("pk")[0]
    url = urljoin(live_server.url, reverse("referrals:referral-change", args=[referral.pk]))
    first, second = new_context(browser), new_context(browser)
    ann, you = first.new_page(), second.new_page()
    sign_in(ann, live_server.url, demo_username(Role.MANAGER, PARTNERSHIP), PASSWORD)
    sign_in(you, live_server.url, demo_username(Role.PANEL_MEMBER, PARTNERSHIP), PASSWORD)
    ann.goto(url)
    you.goto(url)
    console = ConsoleErrors(you)

    write_summary(ann, "The first person's summary.")
    ann.get_by_role("button", name="Save").click()
    ann.wait_for_url(f"**{reverse('referrals:referral', args=[referral.pk])}")

    write_summary(you, "The second person's summary.")
    with you.expect_navigation() as navigation:
        you.get_by_role("button", name="Save").click()
    assert navigation.value.status == 409
    summary = you.locator(".govuk-error-summary")
    name = User.objects.get(username=demo_username(Role.MANAGER, PARTNERSHIP)).display_name
    assert f"This record was changed by {name} at" in summary.inner_text()
    assert summary.evaluate("element => element === document.activeElement")
    table = you.get_by_role("table", name="Summary")
    assert "The first person's summary." in table.inner_text()
    assert "The second person's summary." in table.inner_text()
    assert not axe_violations(you), [v.describe() for v in axe_violations(you)]
    assert not [e for e in console.take() if not is_benign(e, you.url, error_status_expected=True)]
    referral.refresh_from_db()
    assert referral.summary == "The first person's summary."

    you.get_by_role("button", name="Save").click()
    you.wait_for_url(f"**{reverse('referrals:referral', args=[referral.pk])}")
    referral.refresh_from_db()
    assert referral.summary == "The second person's summary."
    first.close()
    second.close()


def test_setting_up_the_app_and_signing_in_with_its_code(
    live_server: LiveServer, demo: None, page: Page
) -> None:
    """The first sign-in sets up the app from the page's key; the next one asks for its code.
    Each page of the second factor passes axe too."""
    base = live_server.url
    username = demo_username(Role.SCRUTINY, PARTNERSHIP)
    console = ConsoleErrors(page)
    findings = Findings(username)

    submit_sign_in(page, base, username, PASSWORD)
    assert urlsplit(page.url).path == reverse("accounts:second-factor-setup")
    assert page.locator("#qr-code").evaluate("img => img.complete && img.naturalWidth > 0")
    findings.check(page, console, page.url, 200)
    # Nothing else is reached with a password alone.
    page.goto(urljoin(base, reverse("reports:report")))
    assert urlsplit(page.url).path == reverse("accounts:second-factor-setup")
    page.goto(urljoin(base, reverse("accounts:second-factor-setup")))

    secret = (page.locator("#secret-key").text_content() or "").replace(" ", "")
    page.locator("#id_code").fill(code_from(base64.b32decode(secret)))
    page.get_by_role("button", name="Continue").click()
    assert page.locator("#recovery-codes li").count() == 10
    findings.check(page, console, page.url, 200)
    page.get_by_role("button", name="I have kept my codes: continue").click()
    page.wait_for_url(f"**{reverse('home')}")
    page.wait_for_load_state("load")  # else signing in again cancels the home page's request

    page.context.clear_cookies()
    submit_sign_in(page, base, username, PASSWORD)
    assert urlsplit(page.url).path == reverse("accounts:second-factor")
    findings.check(page, console, page.url, 200)
    page.locator("#id_code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert "The code is not right" in page.locator(".govuk-error-summary").inner_text()
    assert not findings.pages, findings.message()
