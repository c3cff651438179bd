"""In a browser: a service administrator starts a partnership and invites its business
manager, who accepts from the emailed link, sets up their app and reaches their home page.
Every page on the way passes axe-core (WCAG 2.x A and AA, serious and critical) and logs no
console error."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.testing.browser import (
    PageChecks,
    new_context,
    sign_in,
)
from casereview.testing.onboarding import (
    NewPartnership,
    admin_adds_partnership,
    admin_invites_manager,
    manager_accepts_invitation,
)

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-4821"
MANAGER_PASSWORD = "quiet-harbour-violin-738"


@pytest.fixture
def demo(live_server: LiveServer) -> None:
    call_command(
        "demo", password=PASSWORD, without_seed=True, stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_a_partnership_is_started_and_its_manager_joins(
    live_server: LiveServer, demo: None, browser: Browser
) -> None:
    new = NewPartnership()
    admin_context, manager_context = new_context(browser), new_context(browser)
    admin_page, manager_page = admin_context.new_page(), manager_context.new_page()
    admin_checked, manager_checked = PageChecks(admin_page), PageChecks(manager_page)

    sign_in(admin_page, live_server.url, SERVICE_ADMIN_USERNAME, PASSWORD)
    admin_adds_partnership(admin_page, live_server.url, new, check=admin_checked)
    link = admin_invites_manager(admin_page, new, check=admin_checked)
    assert link.startswith(live_server.url)
    manager_accepts_invitation(
        manager_page, link, username="robin", password=MANAGER_PASSWORD, check=manager_checked
    )

    partnership = Partnership.objects.get(code=new.code)
    assert manager_page.get_by_text(partnership.name).first.is_visible()
    # A manager's pages: the navigation's section for running the partnership.
    assert manager_page.get_by_role("link", name="Partnership administration").is_visible()
    membership = Membership.objects.get(user__username="robin")
    assert (membership.partnership, membership.role) == (partnership, Role.MANAGER)
    assert Agency.objects.filter(partnership=partnership).count() == 3
    # The link is used: opened again, it says so.
    manager_page.goto(link)
    assert "This link has been used already" in manager_page.locator("#problem").inner_text()

    problems = admin_checked.problems + manager_checked.problems
    assert not problems, "\n".join(problems)
    assert len(admin_checked.pages) == 5 and len(manager_checked.pages) == 3
    admin_context.close()
    manager_context.close()
