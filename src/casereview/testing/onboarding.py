"""Starting a partnership, as people do it: for tests that chain onto it.

A service administrator adds a partnership with its agencies and invites its business
manager (`admin_adds_partnership`, `admin_invites_manager`); the manager opens the link from
the email, chooses a username and password, sets up an authenticator app and lands on the
partnership's home page (`manager_accepts_invitation`). The link is read from the emails the
service sent (`invitation_link`: django.core.mail.outbox, which the test settings' in-memory
email backend fills, the live server's thread included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page

from casereview.accounts.choices import AgencyKind
from casereview.core.choices import Nation
from casereview.testing.browser import click_through, pass_second_factor

LINK = re.compile(r"https?://\S+/invitation/[A-Za-z0-9_-]+/")

# Called on each page a helper reaches, before it acts there: an axe check, for example.
Check = Callable[[Page], None]


def _nothing(page: Page) -> None:
    pass


def invitation_link(to: str) -> str:
    """The link in the last email the service sent to `to`."""
    for message in reversed(mail.outbox):
        if to in message.to:
            found = LINK.search(str(message.body))
            if found is None:
                raise AssertionError(f"the email to {to} holds no link: {message.body}")
            return found[0]
    raise AssertionError(f"no email was sent to {to}; sent: {[m.to for m in mail.outbox]}")


@dataclass(frozen=True)
class NewPartnership:
    """A partnership to start: its agencies by kind."""

    code: str = "NSP"
    name: str = "Northshire Safeguarding Partnership"
    nation: str = Nation.ENGLAND
    agencies: Mapping[str, str] | None = None
    manager_name: str = "Robin Example"
    manager_email: str = "robin.example@northshire.example.org"

    def agencies_by_kind(self) -> Mapping[str, str]:
        if self.agencies is not None:
            return self.agencies
        return {
            AgencyKind.POLICE: "Northshire Police",
            AgencyKind.CHILDRENS_SOCIAL_CARE: "Northshire Children's Services",
            AgencyKind.HEALTH: "Northshire Integrated Care Board",
        }


def admin_adds_partnership(
    page: Page, base_url: str, new: NewPartnership, check: Check = _nothing
) -> None:
    """A signed-in service administrator adds the partnership from the Partnerships page;
    the browser ends on the page that invites its business manager."""
    page.goto(urljoin(base_url, reverse("home")))
    check(page)
    page.get_by_role("link", name="Partnerships", exact=True).first.click()
    check(page)
    page.get_by_role("link", name="Add a partnership").click()
    check(page)
    page.get_by_label("Name", exact=True).fill(new.name)
    page.get_by_label("Code", exact=True).fill(new.code)
    page.get_by_label(Nation(new.nation).label, exact=True).check()
    for kind, name in new.agencies_by_kind().items():
        page.get_by_label(f"{AgencyKind(kind).label} agency", exact=True).fill(name)
    click_through(page, "Add the partnership")
    heading = page.get_by_role("heading", level=1).inner_text()
    if heading != "Invite its business manager":
        raise AssertionError(f"adding {new.code} ended on {page.url}: {heading!r}")
    check(page)


def admin_invites_manager(page: Page, new: NewPartnership, check: Check = _nothing) -> str:
    """On the invitation page: invite the manager; the link emailed to them. The browser
    ends on the partnership's page."""
    page.get_by_label("Full name").fill(new.manager_name)
    page.get_by_label("Email address").fill(new.manager_email)
    click_through(page, "Send the invitation")
    banner = page.locator(".govuk-notification-banner")
    if f"We have sent an invitation to {new.manager_name}" not in banner.inner_text():
        raise AssertionError(f"inviting {new.manager_email} said: {banner.inner_text()!r}")
    check(page)
    return invitation_link(new.manager_email)


def manager_accepts_invitation(
    page: Page, link: str, *, username: str, password: str, check: Check = _nothing
) -> None:
    """The person invited opens the link (in a browser with no one signed in), chooses a
    username and password, sets up their authenticator app, and lands on the home page."""
    page.goto(link)
    check(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("The same password again").fill(password)
    click_through(page, "Join")
    check(page)
    pass_second_factor(page, username)
    if urlsplit(page.url).path != reverse("home"):
        raise AssertionError(f"accepting the invitation as {username} ended on {page.url}")
    check(page)
