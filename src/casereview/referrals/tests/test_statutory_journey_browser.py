"""A 2023 case through the statutory process, in a browser, with no step outside the pages
(issue 13, Done means).

The business manager of an invented partnership in England records a referral for a child
seriously harmed in May 2023 with abuse suspected, sees when the notification is due,
records it, records the rapid review and the three safeguarding partners' sign-off, and sends
it to the Panel, after which its clock is gone. A member of the national panel, in a browser of
their own, asks for more information; the manager replies; the Panel agrees. The manager
records the decision with the matters for a local review, commissions the local child
safeguarding practice review (offered as the type), records the partners' agreement, the final
report sent to the Panel and the Secretary of State, and its publication. A second review the
partnership decides not to publish shows its reason on its page and on the home page. The walk
ends on the report for the period. Every page on the way passes axe-core (WCAG 2.x A and AA,
serious and critical) and logs no console error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Locator, Page
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Partnership
from casereview.accounts.services import add_person, create_agency, create_partnership
from casereview.core.choices import Nation
from casereview.testing.browser import (
    PageChecks,
    click_through,
    new_context,
    send_form_once_updated,
    sign_in,
)

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-2023"
MANAGER = "manager@ESCP"
PANEL = "panel@ESCP"


def new_page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """The business manager's browser."""
    yield from new_page(browser)


@pytest.fixture
def panel_page(browser: Browser) -> Iterator[Page]:
    """The national panel member's browser: cookies of their own."""
    yield from new_page(browser)


@pytest.fixture
def eastmoor(live_server: LiveServer, allow_async_unsafe: None) -> Partnership:
    """An invented partnership in England with its three safeguarding partners' agencies, its
    business manager and a member of the national panel."""
    partnership = create_partnership(
        code="ESCP",
        name="Eastmoor Safeguarding Children Partnership",
        nation=Nation.ENGLAND,
        acting_user=None,
    )
    for name, kind in (
        ("Eastmoor Police", AgencyKind.POLICE),
        ("Eastmoor Children's Services", AgencyKind.CHILDRENS_SOCIAL_CARE),
        ("Eastmoor Integrated Care Board", AgencyKind.HEALTH),
    ):
        create_agency(partnership, name=name, kind=kind, acting_user=None)
    panel = create_agency(
        partnership,
        name="Child Safeguarding Practice Review Panel",
        kind=AgencyKind.NATIONAL_PANEL,
        acting_user=None,
    )
    for username, full_name, role, agency in (
        (MANAGER, "Sam Example", Role.MANAGER, None),
        (PANEL, "Alex Example", Role.NATIONAL_PANEL, panel),
    ):
        add_person(
            partnership,
            username=username,
            full_name=full_name,
            email=f"{username.split('@')[0]}@eastmoor.invalid",
            role=role,
            agency=agency,
            password=PASSWORD,
            acting_user=None,
        )
    return partnership


# What a person does and sees


def text_of(locator: Locator) -> str:
    return " ".join(locator.inner_text().split())


def heading(page: Page) -> str:
    return text_of(page.locator("h1").first)


def expect_heading(page: Page, expected: str) -> None:
    found = heading(page)
    if found != expected:
        problems = page.locator(".govuk-error-summary").all_text_contents()
        raise AssertionError(f"expected the page {expected!r}, on {found!r}: {problems}")


def banner(page: Page) -> str:
    """The confirmation banner's message."""
    return text_of(
        page.locator(".govuk-notification-banner--success .govuk-notification-banner__heading")
    )


def summary(page: Page, key: str, within: str = "body") -> str:
    """The value of the summary list row `key`, as shown."""
    rows = page.locator(f"{within} .govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=re.compile(f"^{re.escape(key)}$"))
    )
    return text_of(rows.first.locator(".govuk-summary-list__value"))


def follow(page: Page, link: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=True).first.click()


def fill_date(page: Page, name: str, day: dt.date) -> None:
    for part, value in enumerate((day.day, day.month, day.year)):
        page.locator(f"#id_{name}_{part}").fill(str(value))


def choose(page: Page, group: str, option: str) -> None:
    """Tick the radio or checkbox `option` of the question `group`."""
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


def test_a_2023_case_from_referral_to_publication_and_a_review_not_published(
    live_server: LiveServer, eastmoor: Partnership, page: Page, panel_page: Page
) -> None:
    looks = PageChecks(page)
    panel_looks = PageChecks(panel_page)
    sign_in(page, live_server.url, MANAGER, PASSWORD)
    looks.console.take()
    sign_in(panel_page, live_server.url, PANEL, PASSWORD)
    panel_looks.console.take()

    # The referral: a child seriously harmed in May 2023, abuse suspected.
    page.goto(urljoin(live_server.url, reverse("referrals:referral-add")))
    expect_heading(page, "Record a referral")
    looks(page)
    fill_date(page, "received", dt.date(2023, 5, 16))
    page.get_by_label("Referred by").select_option(label="Eastmoor Police")
    fill_date(page, "aware", dt.date(2023, 5, 15))
    fill_date(page, "incident_date", dt.date(2023, 5, 12))
    choose(page, "What happened to the child", "The child was seriously harmed")
    choose(page, "Is abuse or neglect known or suspected?", "Suspected")
    choose(page, "Is there cause for concern about how agencies worked together?", "Yes")
    page.get_by_label("Summary", exact=True).fill("Invented: a baby with unexplained injuries.")
    page.get_by_label("Pseudonym of the child").fill("Child Q")
    send_form_once_updated(page, looks)
    reference = heading(page)
    assert banner(page) == f"Referral {reference} has been recorded."
    looks(page)
    deadlines = page.get_by_role("table", name="Deadlines")
    notify = text_of(deadlines.get_by_role("row").filter(has_text="Notify"))
    assert "22 May 2023" in notify  # five working days from the partnership learning of it
    assert "Overdue by" in notify
    assert summary(page, "Notified") == "Not yet"
    assert "Send it to the Panel by" in text_of(page.locator("#rapid-review"))

    # The notification, made two days after the partnership learned of it: the rapid review
    # is due 15 working days after it (29 May 2023 a bank holiday).
    follow(page, "Change the facts")
    looks(page)
    fill_date(page, "notified", dt.date(2023, 5, 17))
    send_form_once_updated(page, looks)
    assert banner(page) == "The referral has been changed."
    looks(page)
    assert summary(page, "Notified") == "17 May 2023"
    notify = text_of(deadlines.get_by_role("row").filter(has_text="Notify"))
    assert "Done" in notify
    assert "Send it to the Panel by 8 June 2023" in text_of(page.locator("#rapid-review"))

    # The rapid review: its meeting, agencies, immediate actions and recommendation.
    follow(page, "Record the rapid review")
    looks(page)
    fill_date(page, "meeting", dt.date(2023, 5, 25))
    agencies = "Agencies whose information it drew on"
    for agency in ("Eastmoor Police", "Eastmoor Children's Services"):
        choose(page, agencies, agency)
    choose(page, agencies, "Eastmoor Integrated Care Board")
    page.get_by_label("Immediate actions").fill("A strategy meeting; the siblings were seen.")
    choose(page, "What the rapid review recommends", "A local child safeguarding practice review")
    click_through(page, "Record the rapid review")
    assert banner(page) == "The rapid review has been recorded."
    looks(page)
    rapid = "#rapid-review"
    assert summary(page, "Meeting", rapid) == "25 May 2023"
    assert summary(page, "Recommendation", rapid) == "A local child safeguarding practice review"
    assert summary(page, agencies, rapid) == (
        "Eastmoor Children's Services, Eastmoor Integrated Care Board, Eastmoor Police"
    )

    # Each of the three safeguarding partners agrees it.
    for partner in ("Local authority", "Police", "Health (integrated care board)"):
        follow(page, "Record a safeguarding partner's sign-off")
        looks(page)
        choose(page, "Which safeguarding partner agreed the rapid review?", partner)
        click_through(page, "Record the sign-off")
        assert banner(page) == "The sign-off has been recorded."
        looks(page)
    assert summary(page, "Agreed by the safeguarding partners", rapid) == (
        "Local authority, Police, Health (integrated care board)"
    )

    # Sent to the Panel: the clock is gone, and the case is with the Panel.
    follow(page, "Record that it was sent to the Panel")
    looks(page)
    fill_date(page, "sent_to_panel", dt.date(2023, 6, 2))
    click_through(page, "Record that it was sent")
    assert banner(page) == "The rapid review has been recorded as sent to the Panel."
    looks(page)
    assert summary(page, "Sent to the Panel", rapid) == "2 June 2023"
    assert "Send it to the Panel by" not in text_of(page.locator(rapid))
    assert "send by" not in text_of(page.locator(rapid))
    sent = deadlines.get_by_role("row").filter(has_text="Send the rapid review to the Panel")
    assert text_of(sent) == "Send the rapid review to the Panel 8 June 2023 Done"
    assert summary(page, "Response") == "Awaiting response"

    # The Panel asks for more information.
    panel_page.goto(urljoin(live_server.url, reverse("referrals:submissions")))
    panel_looks(panel_page)
    follow(panel_page, reference)
    expect_heading(panel_page, f"Submission {reference}")
    panel_looks(panel_page)
    choose(panel_page, "The Panel's response", "Asks for more information")
    fill_date(panel_page, "response_date", dt.date(2023, 6, 16))
    panel_page.get_by_label("Note for the partnership").fill("Please send the health chronology.")
    click_through(panel_page, "Record the response")
    assert banner(panel_page) == "Your response has been recorded."
    panel_looks(panel_page)

    # The manager sees what the Panel asks and replies.
    page.reload()
    looks(page)
    important = text_of(page.locator(".govuk-notification-banner").first)
    assert "The Panel asks for more information" in important, important
    assert summary(page, "Response") == "Asks for more information on 16 June 2023"
    assert summary(page, "The Panel's note") == "Please send the health chronology."
    follow(page, "Record the partnership's reply")
    looks(page)
    expect_heading(page, "Reply to the Panel")
    page.get_by_label("The partnership's reply").fill("The health chronology was sent on 21 June.")
    click_through(page, "Save")
    assert banner(page) == "The partnership's reply has been recorded."
    looks(page)
    assert summary(page, "The partnership's reply") == "The health chronology was sent on 21 June."

    # The Panel agrees.
    panel_page.reload()
    panel_looks(panel_page)
    assert "The health chronology was sent on 21 June." in text_of(panel_page.locator("main"))
    choose(panel_page, "The Panel's response", "Agrees")
    fill_date(panel_page, "response_date", dt.date(2023, 6, 30))
    panel_page.get_by_label("Note for the partnership").fill("")
    click_through(panel_page, "Record the response")
    assert banner(panel_page) == "Your response has been recorded."
    panel_looks(panel_page)
    page.reload()
    looks(page)
    assert summary(page, "Response") == "Agrees on 30 June 2023"
    assert page.locator(".govuk-notification-banner").count() == 0

    # The decision, with the matters for a local review, and the review it commissions.
    follow(page, "Record the decision")
    expect_heading(page, "The safeguarding partners' decision")
    looks(page)
    fill_date(page, "date", dt.date(2023, 7, 3))
    choose(page, "Decision", "Review commissioned")
    page.get_by_label("Reasons for the decision").fill(
        "The criteria for a local review are met: agencies did not share what they knew."
    )
    matters = "What the case shows, of the matters for a local review"
    choose(
        page,
        matters,
        "It highlights improvements needed to safeguard and promote the welfare of children",
    )
    choose(page, matters, "It highlights concerns about two or more organisations working together")
    click_through(page, "Record the decision")
    assert banner(page) == "The decision has been recorded."
    looks(page)
    assert summary(page, "Decision") == "Review commissioned"
    assert summary(page, "What the case shows").startswith("It highlights improvements needed")

    follow(page, "Record the review it led to")
    expect_heading(page, "Record a review")
    looks(page)
    assert page.get_by_label("Type of review").input_value() == "lcspr"
    assert page.get_by_label("Guidance", exact=True).input_value() in ("wt2018", "wt2023")
    page.get_by_label("Title").fill("Child Q")
    click_through(page, "Save")
    assert banner(page) == "The review Child Q has been recorded."
    expect_heading(page, "Child Q")
    looks(page)
    assert text_of(page.locator(".govuk-caption-l").first) == (
        "Local child safeguarding practice review"
    )
    assert summary(page, "Commissioned") == "3 July 2023"
    assert summary(page, "Commissioned from").startswith(reference)

    # Agreed by the safeguarding partners, the final report sent, published.
    sign_off_and_send(page, looks, agreed=dt.date(2023, 11, 1), sent=dt.date(2023, 11, 15))
    follow(page, "Record publication")
    looks(page)
    fill_date(page, "published", dt.date(2023, 12, 4))
    click_through(page, "Continue")
    assert banner(page) == "The review is now published."
    looks(page)
    assert summary(page, "Published") == "4 December 2023"

    # A second review, which the partnership decides not to publish.
    page.goto(urljoin(live_server.url, reverse("reviews:review-add")))
    looks(page)
    page.get_by_label("Title").fill("Child R")
    page.get_by_label("Type of review").select_option(
        label="Local child safeguarding practice review"
    )
    page.get_by_label("Guidance", exact=True).select_option(label="Working Together 2023")
    fill_date(page, "commissioned", dt.date(2023, 6, 1))
    click_through(page, "Save")
    assert banner(page) == "The review Child R has been recorded."
    looks(page)
    sign_off_and_send(page, looks, agreed=dt.date(2023, 11, 30), sent=None)
    follow(page, "Record that it will not be published")
    looks(page)
    fill_date(page, "decided_not_to_publish", dt.date(2024, 1, 10))
    page.get_by_label("Why it will not be published").fill(
        "Publication would identify the child's siblings."
    )
    page.get_by_label("What was published instead (optional)").fill(
        "A learning summary for practitioners."
    )
    click_through(page, "Continue")
    assert banner(page) == "The decision not to publish the review has been recorded."
    looks(page)
    assert summary(page, "Published") == (
        "Not published Decided not to publish on 10 January 2024: Publication would identify the "
        "child's siblings. Published instead: A learning summary for practitioners."
    )

    page.goto(urljoin(live_server.url, reverse("home")))
    looks(page)
    late = page.locator(
        "section",
        has=page.get_by_role("heading", name=re.compile("^Reviews past their six months")),
    )
    items = late.get_by_role("listitem")
    assert text_of(items.filter(has_text="Child R")) == (
        "Child R: publish by 1 December 2023 Not published: Publication would identify the "
        "child's siblings."
    )
    assert items.filter(has_text="Child Q").count() == 0  # published within six months

    # The report for the period, then the yearly report with the statutory figures.
    page.goto(urljoin(live_server.url, reverse("reports:report")))
    looks(page)
    fill_date(page, "date_from", dt.date(2023, 4, 1))
    fill_date(page, "date_to", dt.date(2024, 3, 31))
    click_through(page, "Show this period")
    looks(page)
    expect_heading(page, "Summary report")
    shown = text_of(page.locator("main"))
    assert "Eastmoor Safeguarding Children Partnership 1 April 2023 to 31 March 2024" in shown
    assert "The published report is Child Q (4 December 2023)." in shown
    assert "One new case was brought to the attention of the safeguarding partners" in shown
    assert "One case was submitted to the Child Safeguarding Practice Review Panel" in shown
    assert "A review was commissioned on it." in shown

    page.get_by_label("Yearly report").check()
    click_through(page, "Show this period")
    looks(page)
    expect_heading(page, "Yearly report")
    yearly = text_of(page.locator("main"))
    for said in (
        "Yearly report on child safeguarding practice reviews",
        "One serious incident was notified in the period: one on time, within five working days "
        "of the partnership learning of it, and none late.",
        "One rapid review was sent to the Child Safeguarding Practice Review Panel: one on time, "
        "within 15 working days of the notification, and none late.",
        "It recommended a local child safeguarding practice review in one.",
        "Agrees 1",  # the Panel's response as it stands, after asking for more information
        "One local review was published in the period; the median time from commissioning to "
        "publication was 154 days.",
        "Child Q 3 July 2023 4 December 2023 154",
        "Child R 10 January 2024 Publication would identify the child's siblings. A learning "
        "summary for practitioners.",
    ):
        assert said in yearly, said
    assert looks.problems == [] and panel_looks.problems == []


def sign_off_and_send(
    page: Page, looks: PageChecks, *, agreed: dt.date, sent: dt.date | None
) -> None:
    """On a review's page: record the safeguarding partners' agreement, and (`sent`) the
    final report sent to the Panel and the Secretary of State."""
    follow(page, "Record the safeguarding partners' agreement")
    looks(page)
    fill_date(page, "signed_off", agreed)
    click_through(page, "Continue")
    assert banner(page) == "The review is now completed."
    looks(page)
    assert summary(page, "Agreed by the safeguarding partners") == f"{agreed.day} {agreed:%B %Y}"
    if sent is None:
        return
    follow(page, "Record that the final report was sent")
    looks(page)
    fill_date(page, "sent_to_panel", sent)
    click_through(page, "Save")
    assert banner(page) == "The date the final report was sent has been recorded."
    looks(page)
    assert summary(page, "Final report sent") == (
        f"{sent.day} {sent:%B %Y}, to the Child Safeguarding Practice Review Panel and the "
        "Secretary of State Change the date the final report was sent"
    )
