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
    manager = client_as("manager").get("/").content.decode()
    scrutiny = client_as("scrutiny").get("/").content.decode()
    assert 'href="/audit/"' in manager and 'href="/people/"' in manager
    assert 'href="/audit/"' not in scrutiny and 'href="/people/"' not in scrutiny


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
