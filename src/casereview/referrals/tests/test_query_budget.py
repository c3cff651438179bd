"""The referral register keeps a fixed number of queries however many referrals there are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.testing.bulk import bulk_referrals
from casereview.testing.queries import AUDIT_ROW, get_within_budget

pytestmark = pytest.mark.django_db

REGISTER_BUDGET = 10 + AUDIT_ROW
# One more for the cases that cross boundaries, which another partnership leads.
HOME_BUDGET = 12 + AUDIT_ROW


@pytest.mark.parametrize("count", [1, 5000])
def test_the_register_and_home_page_keep_their_budget(
    client_as: Callable, partnership: Partnership, count: int
) -> None:
    bulk_referrals(partnership, count)
    client = client_as("panel_member")
    url = reverse("referrals:referrals")
    page = get_within_budget(client, url, REGISTER_BUDGET)
    assert page.context["page"].paginator.count == count
    filtered = get_within_budget(
        client, url + "?decision=pending&due=overdue&outcome=review_required", REGISTER_BUDGET
    )
    assert filtered.status_code == 200
    assert get_within_budget(client, "/", HOME_BUDGET).status_code == 200
