"""From a partnership's own tracker to its board report, in a browser, with no step outside
the pages (issue 12).

The business manager of a partnership not in the demo signs in, uploads a tracker unlike the
template (each of several invented shapes: its own headers, a merged title row, dates as
text, a CSV), accepts the suggested sheets and columns, changes what one word means, checks,
imports, and downloads the board paper in Word, which then holds a figure of the tracker.
Every page on the way passes axe-core (WCAG 2.x A and AA, serious and critical) and logs no
console error.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Agency, Partnership
from casereview.accounts.services import add_person, create_agency, create_partnership
from casereview.core.choices import Nation
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.exchange.models import SavedTrackerMapping
from casereview.referrals.choices import DecisionOutcome
from casereview.referrals.models import Decision, Referral
from casereview.testing.browser import (
    PageChecks,
    click_through,
    new_context,
    sign_in,
)
from casereview.testing.onboarding import (
    NewPartnership,
    admin_adds_partnership,
    admin_invites_manager,
    manager_accepts_invitation,
)
from casereview.testing.onboarding_tracker import (
    PROBLEMS_PAGE,
    ValueFix,
    expect_heading,
    manager_accepts_suggested_mapping,
    manager_downloads_board_report,
    manager_imports_tracker,
    manager_uploads_tracker,
)
from casereview.testing.trackers import build_tracker

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-7315"
MANAGER = "manager@WVSCP"
CASES = 12
# Every invented case was referred from 2016 to 2022.
PERIOD = (dt.date(2015, 4, 1), dt.date(2023, 3, 31))


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser, accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def westvale(live_server: LiveServer, allow_async_unsafe: None) -> Partnership:
    """An invented partnership, not one of the demo's, with two agencies and its manager."""
    partnership = create_partnership(
        code="WVSCP",
        name="Westvale Safeguarding Children Partnership",
        nation=Nation.ENGLAND,
        acting_user=None,
    )
    create_agency(partnership, name="Westvale Police", kind=AgencyKind.POLICE, acting_user=None)
    create_agency(partnership, name="Health", kind=AgencyKind.HEALTH, acting_user=None)
    add_person(
        partnership,
        username=MANAGER,
        full_name="Robin Example",
        email="robin@westvale.invalid",
        role=Role.MANAGER,
        agency=None,
        password=PASSWORD,
        acting_user=None,
    )
    return partnership


@pytest.mark.parametrize(
    ("style", "file_format", "fix"),
    [
        ("council", "xlsx", ValueFix("Decision", "Alternative", "Review commissioned")),
        ("board", "xlsx", ValueFix("Decision", "Alternative review", "Review commissioned")),
        ("council", "csv", ValueFix("Decision", "Alternative", "Review commissioned")),
        ("cases_csv", None, ValueFix("Decision", "Alternative", "Review commissioned")),
    ],
)
def test_a_new_manager_brings_their_tracker_in_and_downloads_the_board_paper(
    live_server: LiveServer,
    westvale: Partnership,
    page: Page,
    style: str,
    file_format: str | None,
    fix: ValueFix,
) -> None:
    data, file_name = build_tracker(style, cases=CASES, file_format=file_format)  # type: ignore[arg-type]
    looks = PageChecks(page, error_pages=True)
    sign_in(page, live_server.url, MANAGER, PASSWORD)
    looks.console.take()

    said = manager_imports_tracker(page, live_server.url, data, file_name, fix=fix, check=looks)

    assert f"{file_name} has been imported" in said
    assert Referral.objects.filter(partnership=westvale).count() == CASES
    decisions = Decision.objects.filter(referral__partnership=westvale)
    assert not decisions.filter(outcome=DecisionOutcome.ALTERNATIVE_REVIEW).exists()  # fixed
    assert decisions.filter(outcome=DecisionOutcome.REVIEW_COMMISSIONED).exists()
    assert SavedTrackerMapping.objects.filter(partnership=westvale).exists()
    report = manager_downloads_board_report(page, live_server.url, *PERIOD, check=looks)
    text = "\n".join(paragraph.text for paragraph in Document(report).paragraphs)
    # The period ends in 2023, under Working Together 2018: the report says so in its words.
    assert f"{CASES} new cases were brought to the attention of the safeguarding partners" in text
    assert not looks.problems, "\n".join(looks.problems)
    assert len(looks.pages) >= 6


def test_a_trackers_problems_are_shown_at_once_with_the_way_back_to_each_step(
    live_server: LiveServer, westvale: Partnership, page: Page
) -> None:
    data, file_name = build_tracker("council", cases=CASES)
    book = load_workbook(io.BytesIO(data))
    book["SCR tracker"]["C4"], book["SCR tracker"]["C6"] = "31/02/2019", "soon"
    wrong = io.BytesIO()
    book.save(wrong)
    looks = PageChecks(page, error_pages=True)
    sign_in(page, live_server.url, MANAGER, PASSWORD)
    looks.console.take()

    manager_uploads_tracker(page, live_server.url, wrong.getvalue(), file_name, check=looks)
    manager_accepts_suggested_mapping(page, arrive_at=PROBLEMS_PAGE, check=looks)

    problems = page.locator("#problems").text_content() or ""
    assert "'31/02/2019'" in problems and "'soon'" in problems
    assert not page.get_by_role("button", name="Import the records").count()
    page.get_by_role("link", name="Change what the columns hold").click()
    expect_heading(page, "Match the columns")
    click_through(page, "Continue")
    click_through(page, "Continue")
    expect_heading(page, PROBLEMS_PAGE)
    assert not Referral.objects.filter(partnership=westvale).exists()
    assert not looks.problems, "\n".join(looks.problems)


def test_from_a_new_partnership_to_its_first_board_paper_with_no_step_outside_the_pages(
    live_server: LiveServer, allow_async_unsafe: None, browser: Browser
) -> None:
    """The whole of issue 12's journey: a service administrator adds a partnership and
    invites its business manager; the manager joins from the emailed link, brings in their
    own tracker (text dates, a merged title row, their own words), changes what one word
    means, imports it and downloads the board paper. Nothing is done at a shell or in the
    database on the way."""
    call_command(
        "demo", password=PASSWORD, without_seed=True, stdout=io.StringIO(), stderr=io.StringIO()
    )
    new = NewPartnership()
    admin_context = new_context(browser)
    manager_context = new_context(browser, accept_downloads=True)
    admin, manager = admin_context.new_page(), manager_context.new_page()
    admin_looks, manager_looks = (
        PageChecks(admin, error_pages=True),
        PageChecks(manager, error_pages=True),
    )
    sign_in(admin, live_server.url, SERVICE_ADMIN_USERNAME, PASSWORD)
    admin_looks.console.take()

    admin_adds_partnership(admin, live_server.url, new, check=admin_looks)
    link = admin_invites_manager(admin, new, check=admin_looks)
    manager_accepts_invitation(
        manager, link, username="robin", password="quiet-harbour-violin-738", check=manager_looks
    )
    data, file_name = build_tracker("council", cases=CASES)
    said = manager_imports_tracker(
        manager,
        live_server.url,
        data,
        file_name,
        fix=ValueFix("Decision", "Alternative", "Review commissioned"),
        check=manager_looks,
    )
    report = manager_downloads_board_report(manager, live_server.url, *PERIOD, check=manager_looks)

    partnership = Partnership.objects.get(code=new.code)
    assert f"{file_name} has been imported" in said
    assert Referral.objects.filter(partnership=partnership).count() == CASES
    decisions = Decision.objects.filter(referral__partnership=partnership)
    assert decisions.filter(outcome=DecisionOutcome.REVIEW_COMMISSIONED).exists()
    assert not decisions.filter(outcome=DecisionOutcome.ALTERNATIVE_REVIEW).exists()
    # The tracker's "Police" is the police agency the administrator added, not a new one.
    assert Agency.objects.filter(partnership=partnership, kind=AgencyKind.POLICE).count() == 1
    text = "\n".join(paragraph.text for paragraph in Document(report).paragraphs)
    # The period ends in 2023, under Working Together 2018: the report says so in its words.
    assert f"{CASES} new cases were brought to the attention of the safeguarding partners" in text
    problems = admin_looks.problems + manager_looks.problems
    assert not problems, "\n".join(problems)
    admin_context.close()
    manager_context.close()
