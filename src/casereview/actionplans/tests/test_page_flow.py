"""Issue 14, the pages: confirmations after adding a recommendation or an action, a Back link on
their forms, only the statuses a person may set, and home page links that name the action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Agency, Partnership, User
from casereview.actionplans import services
from casereview.actionplans.dashboard import shortened
from casereview.testing.records import make_action, make_review

pytestmark = pytest.mark.django_db

SUCCESS = "govuk-notification-banner--success"


def test_adding_a_recommendation_has_a_back_link_and_confirms_it(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    review = make_review(partnership)
    client = client_as("manager")
    url = reverse("actionplans:recommendation-add", args=[review.pk])
    form = client.get(url).content.decode()
    plan = reverse("actionplans:review-plan", args=[review.pk])
    assert f'<a href="{plan}" class="govuk-back-link">Back</a>' in form
    response = client.post(
        url,
        {
            "number": "1",
            "text": "Agencies should ask who lives in the home.",
            "scope": "multi_agency",
            "monitored_by": "executive",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == plan
    page = response.content.decode()
    assert SUCCESS in page and "Recommendation 1 has been added." in page


def test_adding_an_action_confirms_it_naming_its_agency(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    recommendation = make_action(partnership).recommendation
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    client = client_as("manager")
    url = reverse("actionplans:action-add", args=[recommendation.pk])
    plan = reverse("actionplans:review-plan", args=[recommendation.review_id])
    assert f'<a href="{plan}" class="govuk-back-link">Back</a>' in client.get(url).content.decode()
    response = client.post(
        url, {"text": "Brief officers.", "owner_agency": str(police.pk)}, follow=True
    )
    page = response.content.decode()
    assert SUCCESS in page
    assert f"The action for {police.name} has been added to recommendation 1." in page


def test_an_agency_lead_is_offered_only_the_statuses_they_may_set(
    client_as: Callable[..., Client],
    partnership: Partnership,
    demo_user: Callable[..., User],
    acting_as: Callable[..., User],
) -> None:
    action = make_action(partnership)
    url = reverse("actionplans:action-status", args=[action.pk])
    lead = client_as("agency_lead")

    def offered(client: Client) -> list[tuple[str, str]]:
        return list(client.get(url).context["form"].fields["status"].choices)

    assert [value for value, _ in offered(lead)] == [
        "not_started",
        "in_progress",
        "completed",
        "cancelled",
    ]
    services.change_action_status(
        action, status="completed", completed=dt.date(2017, 3, 1), acting_user=None
    )
    page = lead.get(url).content.decode()
    assert 'value="verified"' not in page and "Verified means" not in page
    # A member of the monitoring group is offered it, once the action is completed.
    services.seat_on_group(
        partnership, group="executive", user=demo_user("panel_member"), acting_user=None
    )
    member = client_as("panel_member")
    assert "verified" in [value for value, _ in offered(member)]
    services.change_action_status(action, status="verified", acting_user=acting_as("panel_member"))
    assert [value for value, _ in offered(member)] == ["verified"]


def test_the_agency_leads_home_page_links_name_the_action(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    long = (
        "Audit the recording of fathers and male carers in every child and family assessment "
        "completed since the review"
    )
    action = make_action(partnership, text=long)  # due 31 March 2017: overdue
    home = client_as("agency_lead").get(reverse("home")).content.decode()
    href = reverse("actionplans:action", args=[action.pk])
    link = f'<a class="govuk-link" href="{href}">{shortened(long)}: due 31 March 2017</a>'
    assert link in home
    assert "Child R, recommendation 1. Overdue" in home
    assert shortened(long).endswith("…") and len(shortened(long)) <= 70
    assert shortened("Brief officers.") == "Brief officers"
