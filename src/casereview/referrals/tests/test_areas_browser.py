"""A case that crosses boundaries, in a browser: the subgroup records where the child lives and
where the harm happened, with the areas of the service's partnerships suggested, and the
referral says which partnership leads. Each page passes axe-core and logs no console error."""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from casereview.referrals.models import Referral
from casereview.testing.browser import (
    PageChecks,
    new_context,
    send_form_once_updated,
    sign_in,
)

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-5128"


@pytest.fixture
def demo(live_server: LiveServer) -> None:
    call_command(
        "demo", password=PASSWORD, without_seed=True, stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_a_referral_harmed_in_another_area_names_the_partnership_that_leads(
    live_server: LiveServer, demo: None, browser: Browser
) -> None:
    page = new_context(browser).new_page()
    checked = PageChecks(page)
    sign_in(page, live_server.url, "panel_member@OSCB", PASSWORD)
    page.goto(f"{live_server.url}/referrals/add/")
    checked(page)
    for part, value in zip(("0", "1", "2"), ("3", "3", "2024"), strict=True):
        page.locator(f"#id_received_{part}").fill(value)
    page.locator("#id_referred_by").select_option(label="Thames Valley Police")
    page.get_by_label("The child was seriously harmed").check()
    page.get_by_label("Suspected", exact=True).check()
    page.locator("#id_summary").fill("Invented: a teenager was seriously harmed on a visit.")
    page.locator("#id_child_pseudonym").fill("Child Q")
    lives = page.locator("#id_child_lives_in")
    assert lives.get_attribute("list") == "id_child_lives_in-areas"
    suggested = page.locator("#id_child_lives_in-areas option")
    assert "Northmoor" in [
        suggested.nth(i).get_attribute("value") for i in range(suggested.count())
    ]
    lives.fill("Oxfordshire")
    page.locator("#id_harm_happened_in").fill("Northmoor")
    send_form_once_updated(page, checked)
    checked(page)
    assert "Referral OSCB-2024-001 has been recorded." in page.content()
    leadership = page.locator("#leadership").inner_text()
    assert (
        "This case crosses boundaries: Northmoor's partnership "
        "(Northmoor Safeguarding Children Partnership) leads." in leadership
    )
    assert "Oxfordshire Safeguarding Children Board contributes" in leadership
    if os.environ.get("AREAS_SCREENSHOT"):
        page.screenshot(path=os.environ["AREAS_SCREENSHOT"], full_page=True)
    referral = Referral.objects.get(reference="OSCB-2024-001")
    assert (referral.child_lives_in, referral.harm_happened_in) == ("Oxfordshire", "Northmoor")
    assert checked.problems == []
