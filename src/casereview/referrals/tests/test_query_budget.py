"""The referral register keeps a fixed number of queries however many referrals there are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.testing.bulk import bulk_referrals
from casereview.testing.queries import AUDIT_ROW, get_within_budget

pytestmark = pytest.mark.django_db

# One of them the page's decisions, fetched for its referrals alone (ADR 0019).
REGISTER_BUDGET = 11 + AUDIT_ROW
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
    last = get_within_budget(client, url + "?page=999999", REGISTER_BUDGET)
    assert len(last.context["page"].object_list) == (count % 50 or 50)
    filtered = get_within_budget(
        client, url + "?decision=pending&due=overdue&outcome=review_required", REGISTER_BUDGET
    )
    assert filtered.status_code == 200
    assert get_within_budget(client, "/", HOME_BUDGET).status_code == 200
