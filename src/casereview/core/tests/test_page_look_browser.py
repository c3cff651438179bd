"""How the pages look, in a browser (issue 14, "The pages").

Headless Chromium, on the demo partnership OSCB with records behind every kind of list:
- RAG ratings are GOV.UK tags in their colours (red, orange for amber, green), the word shown,
  on monitoring, a review's action plan, an action and the agency's own actions;
- the review and learning-point forms draw GOV.UK checkboxes, not radio circles, with the
  themes grouped under their headings, and a single checkbox at its full size;
- no register or list page scrolls sideways on a 375 px phone: a wide table scrolls inside
  its own focusable, labelled container;
- the service navigation is one row at 1,024 px, its sections' pages linked under it;
- "Your agency's actions" is offered only to someone with an agency, and the beta banner
  asks the business manager to tell the team that runs the service, not themselves.
Every page on the way passes axe-core and logs no console error (testing/browser.PageChecks).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership
from casereview.actionplans.choices import MonitoringGroup
from casereview.actionplans.models import AgencyAction
from casereview.core.partialdates import PartialDate
from casereview.core.views import FilteredListView
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME, demo_username
from casereview.reviews.models import Review
from casereview.testing.browser import (
    PageChecks,
    new_context,
    sign_in,
)
from casereview.testing.records import make_action, make_learning_event, make_review

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-5190"
PARTNERSHIP = "OSCB"
MANAGER = demo_username(Role.MANAGER, PARTNERSHIP)
AGENCY_LEAD = demo_username(Role.AGENCY_LEAD, PARTNERSHIP)
NATIONAL_PANEL = demo_username(Role.NATIONAL_PANEL, PARTNERSHIP)
PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1024, "height": 800}
DESKTOP = {"width": 1280, "height": 900}

# Every list page of the service, by URL name (with its arguments), and who may see it.
LIST_PAGES: list[tuple[str, tuple[str, ...], str]] = [
    ("referrals:referrals", (), MANAGER),
    ("reviews:reviews", (), MANAGER),
    ("reviews:national-reviews", (), MANAGER),
    ("referrals:submissions", (), NATIONAL_PANEL),
    ("learning:in-common", (), MANAGER),
    ("learning:themes", (), MANAGER),
    ("learning:events", (), MANAGER),
    ("library:library", (), MANAGER),
    ("actionplans:my-actions", (), AGENCY_LEAD),
    *[("actionplans:monitoring", (group,), MANAGER) for group in MonitoringGroup.values],
    ("scrutiny:comments", (), MANAGER),
    ("scrutiny:open", (), MANAGER),
    ("accounts:agencies", (), MANAGER),
    ("accounts:people", (), MANAGER),
    ("core:audit", (), MANAGER),
    ("accounts:service-partnerships", (), SERVICE_ADMIN_USERNAME),
    ("accounts:service-people", (), SERVICE_ADMIN_USERNAME),
    ("accounts:sign-in-attempts", (), SERVICE_ADMIN_USERNAME),
]

# The colour of each RAG rating's tag: GOV.UK's tag of that colour.
RAG_TAGS = {"Red": "govuk-tag--red", "Amber": "govuk-tag--orange", "Green": "govuk-tag--green"}


@pytest.fixture
def demo(live_server: LiveServer, allow_async_unsafe: None) -> Review:
    """The demo, with a review whose three actions are rated red, amber and green today, and
    a learning event: a record behind every list."""
    call_command("demo", password=PASSWORD, stdout=io.StringIO(), stderr=io.StringIO())
    home = Partnership.objects.get(code=PARTNERSHIP)
    review = make_review(home, title="Child P")
    today = timezone.localdate()
    for text, days in (("Overdue audit", -10), ("Audit due soon", 10), ("Later audit", 200)):
        make_action(home, review=review, text=text, due=PartialDate(today + dt.timedelta(days)))
    make_learning_event(home)
    return review


class Visitor:
    """One person in their own browser context, every page they reach checked."""

    def __init__(self, browser: Browser, base: str, username: str, viewport: dict) -> None:
        self.base = base
        self.context: BrowserContext = new_context(browser, viewport=viewport)
        self.page: Page = self.context.new_page()
        self.checks = PageChecks(self.page)
        sign_in(self.page, base, username, PASSWORD)
        self.checks.console.take()  # the sign-in pages are checked elsewhere (test_browser)

    def open(self, name: str, *args: object) -> Page:
        response = self.page.goto(urljoin(self.base, reverse(name, args=args)))
        assert response is not None and response.status == 200, (name, response)
        self.checks(self.page)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def people(live_server: LiveServer, browser: Browser) -> Iterator[dict[tuple[str, str], Visitor]]:
    """Visitors by (username, viewport name), signed in when first asked for."""
    opened: dict[tuple[str, str], Visitor] = {}
    yield opened
    for visitor in opened.values():
        visitor.close()


def visitor(
    people: dict[tuple[str, str], Visitor], browser: Browser, base: str, who: str, size: str
) -> Visitor:
    viewports = {"phone": PHONE, "laptop": LAPTOP, "desktop": DESKTOP}
    if (who, size) not in people:
        people[(who, size)] = Visitor(browser, base, who, viewports[size])
    return people[(who, size)]


def background(page: Page, selector_or_class: str, *, of_class: bool = False) -> str:
    """The computed background colour of an element, or of a tag with the given class."""
    if of_class:
        return page.evaluate(
            """cls => { const tag = document.createElement('strong');
                tag.className = 'govuk-tag ' + cls; document.body.append(tag);
                const colour = getComputedStyle(tag).backgroundColor; tag.remove();
                return colour; }""",
            selector_or_class,
        )
    return page.locator(selector_or_class).evaluate("e => getComputedStyle(e).backgroundColor")


def rag_tags(page: Page) -> dict[str, str]:
    """The RAG tags on the page: their words, and their background colours."""
    found: dict[str, str] = {}
    for word in RAG_TAGS:
        tags = page.locator("strong.govuk-tag", has_text=word)
        for index in range(tags.count()):
            if tags.nth(index).inner_text().strip() == word:
                found[word] = tags.nth(index).evaluate("e => getComputedStyle(e).backgroundColor")
    return found


def test_rag_ratings_are_tags_in_red_amber_and_green_with_the_word_shown(
    live_server: LiveServer, demo: Review, browser: Browser, people: dict
) -> None:
    manager = visitor(people, browser, live_server.url, MANAGER, "desktop")
    page = manager.open("actionplans:monitoring", MonitoringGroup.EXECUTIVE)
    colours = {word: background(page, cls, of_class=True) for word, cls in RAG_TAGS.items()}
    plain = background(page, "", of_class=True)
    assert len({*colours.values(), plain}) == 4, colours  # three colours, none the plain blue
    assert rag_tags(page) == colours

    page = manager.open("actionplans:review-plan", demo.pk)
    assert rag_tags(page) == colours

    overdue = AgencyAction.objects.get(text="Overdue audit")
    page = manager.open("actionplans:action", overdue.pk)
    assert rag_tags(page) == {"Red": colours["Red"]}

    lead = visitor(people, browser, live_server.url, AGENCY_LEAD, "desktop")
    page = lead.open("actionplans:my-actions")
    assert rag_tags(page) == colours
    problems = manager.checks.problems + lead.checks.problems
    assert not problems, "\n".join(problems)


def test_the_review_and_learning_point_forms_draw_gov_uk_checkboxes(
    live_server: LiveServer, demo: Review, browser: Browser, people: dict
) -> None:
    manager = visitor(people, browser, live_server.url, MANAGER, "desktop")
    for form in ("reviews:review-change", "reviews:point-add"):
        page = manager.open(form, demo.pk)
        assert page.locator("input[type=checkbox]").count() >= 40  # the themes, at least
        assert page.locator("input[type=checkbox].govuk-radios__input").count() == 0
        assert page.locator("input[type=checkbox]:not(.govuk-checkboxes__input)").count() == 0
        # Each box is drawn square, as GOV.UK's checkboxes are, not round as its radios.
        label = page.locator("label[for=id_themes_0]")
        assert label.evaluate("e => getComputedStyle(e, '::before').borderRadius") == "0px"
        themes = page.locator("fieldset", has=page.locator("legend", has_text="Themes")).first
        legends = themes.locator("fieldset > legend").all_inner_texts()
        assert legends == ["Harm", "Family", "Child", "Practice"]
        neglect = themes.locator("fieldset", has_text="Harm").get_by_label("Neglect")
        neglect.check()  # ticked by its label, as a person would
        assert neglect.is_checked()
    page = manager.open("reviews:review-change", demo.pk)
    assert page.locator(".govuk-checkboxes:has(input[name=children])").count() == 1

    # A single checkbox is GOV.UK's at full size, not the small one of a filter.
    page = manager.open("referrals:referral-add")
    box = page.locator(".govuk-checkboxes:has(#id_suspected_suicide)")
    assert "govuk-checkboxes--small" not in (box.get_attribute("class") or "")
    label = page.locator("label[for=id_suspected_suicide]")
    assert label.evaluate("e => getComputedStyle(e, '::before').width") == "40px"
    assert not manager.checks.problems, "\n".join(manager.checks.problems)


def test_every_list_page_for_the_service_is_in_the_phone_check() -> None:
    """A new register is added to LIST_PAGES, so the phone check below sees it."""
    names = {name for name, _args, _who in LIST_PAGES}

    def lists(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from lists(pattern, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                is_list = view is not None and (
                    issubclass(view, FilteredListView) or view.__name__.endswith("ListView")
                )
                if is_list:
                    yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)

    assert set(lists(get_resolver())) - names == set()


def test_no_list_page_scrolls_sideways_on_a_phone(
    live_server: LiveServer, demo: Review, browser: Browser, people: dict
) -> None:
    wide: list[str] = []
    pages = [*LIST_PAGES, ("actionplans:review-plan", (str(demo.pk),), MANAGER)]
    for name, args, who in pages:
        person = visitor(people, browser, live_server.url, who, "phone")
        page = person.open(name, *args)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{page.url}: {width} px wide")
        # Where a table is wider than the screen, it scrolls in its own labelled region,
        # which takes focus so that it can be scrolled from the keyboard.
        for container in page.locator(".app-table-container").all():
            assert container.get_attribute("tabindex") == "0"
            assert container.get_attribute("role") == "region"
            assert container.get_attribute("aria-label") or container.get_attribute(
                "aria-labelledby"
            )
    assert not wide, "\n".join(wide)
    monitoring = visitor(people, browser, live_server.url, MANAGER, "phone").open(
        "actionplans:monitoring", MonitoringGroup.EXECUTIVE
    )
    container = monitoring.locator(".app-table-container").first
    assert container.evaluate("e => e.scrollWidth > e.clientWidth"), "the table fits a phone?"
    problems = [problem for person in people.values() for problem in person.checks.problems]
    assert not problems, "\n".join(problems)


def test_the_monitoring_table_stays_inside_the_page_on_a_desktop(
    live_server: LiveServer, demo: Review, browser: Browser, people: dict
) -> None:
    manager = visitor(people, browser, live_server.url, MANAGER, "desktop")
    page = manager.open("actionplans:monitoring", MonitoringGroup.EXECUTIVE)
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    container = page.locator(".app-table-container").first
    assert container.evaluate("e => e.scrollWidth <= e.clientWidth"), "it scrolls at 1280 px"
    assert not manager.checks.problems, "\n".join(manager.checks.problems)


def tops(page: Page, selector: str) -> set[int]:
    return set(page.locator(selector).evaluate_all("items => items.map(i => i.offsetTop)"))


def test_the_navigation_is_one_row_on_a_laptop_with_each_sections_pages_under_it(
    live_server: LiveServer, demo: Review, browser: Browser, people: dict
) -> None:
    manager = visitor(people, browser, live_server.url, MANAGER, "laptop")
    page = manager.open("reviews:reviews")
    bar = page.get_by_role("navigation", name="Menu")
    assert len(tops(page, ".govuk-service-navigation__item")) == 1
    assert bar.get_by_role("link").all_inner_texts() == [
        "Home",
        "Case work",
        "Learning",
        "Monitoring",
        "Partnership administration",
    ]
    section = page.get_by_role("navigation", name="Case work")
    assert section.get_by_role("link").all_inner_texts() == [
        "Cases to consider",
        "Reviews",
        "National reviews",
        "Scrutiny",
    ]
    assert section.locator("[aria-current=page]").inner_text() == "Reviews"
    assert len(tops(page, ".app-sub-navigation__item")) == 1
    page.get_by_role("link", name="Partnership administration").click()
    page.wait_for_url(f"**{reverse('accounts:agencies')}")
    manager.checks(page)
    administration = page.get_by_role("navigation", name="Partnership administration")
    assert administration.get_by_role("link").all_inner_texts() == [
        "Agencies",
        "People",
        "Names accepted in reports",
        "Import and export",
        "Audit trail",
    ]
    # The business manager has no agency, so no agency's actions; and the banner does not
    # tell them to tell themselves.
    assert page.get_by_role("link", name="Your agency's actions").count() == 0
    banner = page.locator(".govuk-phase-banner").inner_text()
    assert "business manager" not in banner
    assert "Tell the team that runs this service what would make it better." in banner

    lead = visitor(people, browser, live_server.url, AGENCY_LEAD, "laptop")
    page = lead.open("home")
    assert (
        page.get_by_role("navigation", name="Menu")
        .get_by_role("link", name="Your agency's actions")
        .is_visible()
    )
    assert (
        "Tell your partnership business manager" in page.locator(".govuk-phase-banner").inner_text()
    )
    problems = manager.checks.problems + lead.checks.problems
    assert not problems, "\n".join(problems)
