"""Each role's home page shows what needs attention, or says what to do next."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts import services
from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership
from casereview.testing.queries import AUDIT_ROW, get_within_budget

pytestmark = pytest.mark.django_db


def test_a_manager_sees_who_has_not_signed_in_yet(client_as: Callable) -> None:
    page = client_as("manager").get("/").content.decode()
    assert "People who have not signed in yet" in page
    assert "Demo subgroup member (OSCB)" in page
    assert "Demo subgroup member (NMSCP)" not in page


def test_a_manager_with_no_agencies_is_told_to_add_them(
    client_as: Callable, partnership: Partnership
) -> None:
    Agency.objects.filter(partnership=partnership).update(external_key="")
    Membership.objects.filter(partnership=partnership).update(agency=None)
    Agency.objects.filter(partnership=partnership).delete()
    page = client_as("manager").get("/").content.decode()
    assert "Add your partnership&#x27;s agencies" in page
    assert reverse("accounts:agency-add") in page


@pytest.mark.parametrize("role", [Role.SCRUTINY])
def test_other_roles_are_told_nothing_needs_them_yet(client_as: Callable, role: str) -> None:
    page = client_as(role).get("/").content.decode()
    assert "Nothing needs your attention now" in page
    assert "People who have not signed in yet" not in page


def test_navigation_shows_only_what_the_role_may_open(client_as: Callable) -> None:
    def offered(role: str) -> set[str]:
        return {entry["href"] for entry in client_as(role).get("/").context["navigation"]}

    assert {"/audit/", "/people/"} <= offered("manager")
    assert not {"/audit/", "/people/"} & offered("scrutiny")
    # The manager's bar leads to partnership administration, whose pages are linked under it.
    manager = client_as("manager")
    assert 'href="/agencies/"' in manager.get("/").content.decode()
    administration = manager.get("/agencies/").content.decode()
    assert 'href="/audit/"' in administration and 'href="/people/"' in administration


@pytest.mark.parametrize("extra", [0, 150])
def test_pages_keep_their_query_budget_as_records_grow(
    client_as: Callable, partnership: Partnership, extra: int
) -> None:
    manager = client_as("manager")
    for n in range(extra):
        services.create_agency(partnership, name=f"Agency {n}", kind="other", acting_user=None)
    # The home page: 15 with the cases that cross boundaries which another partnership leads
    # and the scrutiny comments awaiting the manager's response.
    budgets = {"/": 15, reverse("accounts:agencies"): 8, reverse("accounts:people"): 8}
    budgets[reverse("core:audit")] = 9
    budgets = {url: budget + AUDIT_ROW for url, budget in budgets.items()}
    for url, budget in budgets.items():
        assert get_within_budget(manager, url, budget).status_code == 200


def test_your_agencys_actions_is_offered_only_to_someone_with_an_agency(
    client_as: Callable,
) -> None:
    def entries(role: str) -> list[str]:
        return [entry["text"] for entry in client_as(role).get("/").context["navigation"]]

    assert "Your agency's actions" not in entries("manager")  # the demo manager has no agency
    assert "Your agency's actions" in entries("agency_lead")


def test_the_beta_banner_does_not_ask_the_business_manager_to_tell_themselves(
    client_as: Callable,
) -> None:
    manager = client_as("manager").get("/").content.decode()
    lead = client_as("agency_lead").get("/").content.decode()
    assert "Tell your partnership business manager" not in manager
    assert "Tell the team that runs this service what would make it better." in manager
    assert "Tell your partnership business manager what would make it better." in lead
