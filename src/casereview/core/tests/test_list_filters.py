"""Each list's FilterSet, through its page: of two records, the one matching is listed alone;
a filter value the FilterSet refuses is shown in the GOV.UK error summary and on its field,
with a 400 and the list unfiltered, never a 500."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.accounts import services as accounts
from casereview.accounts.models import Agency, Partnership, User
from casereview.actionplans import services as actions
from casereview.actionplans.filters import MonitoringFilter
from casereview.actionplans.models import AgencyAction
from casereview.core.filters import AuditFilter
from casereview.core.partialdates import PartialDate
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.testing.fixtures import signed_in
from casereview.testing.records import make_action, make_referral, make_review

pytestmark = pytest.mark.django_db

NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def summary_errors(page: str) -> list[str]:
    """The messages of the page's GOV.UK error summary."""
    found = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', page, re.S)
    assert found, "the page shows no error summary"
    items = re.findall(r"<a [^>]*>(.*?)</a>", found[1], re.S)
    return [html.unescape(item.strip()) for item in items]


def field_error(page: str, field: str) -> str:
    found = re.search(
        rf'<p id="id_{field}-error" class="govuk-error-message">'
        r'<span class="govuk-visually-hidden">Error:</span> (.*?)</p>',
        page,
        re.S,
    )
    return html.unescape(found[1]) if found else ""


def refused(response: object, field: str, message: str) -> None:
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert message in summary_errors(page)
    assert field_error(page, field) == message
    assert 'class="govuk-select govuk-select--error"' in page or "govuk-input--error" in page


def agency(partnership: Partnership, key: str) -> Agency:
    return Agency.objects.get(partnership=partnership, external_key=key)


# The referral register (referrals.filters.ReferralFilter)


def test_the_referral_register_lists_only_the_referral_the_filter_matches(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    police = make_referral(partnership, referred_by=agency(partnership, "tvp"))
    csc = make_referral(partnership, referred_by=agency(partnership, "occ-csc"))
    client, url = client_as("panel_member"), reverse("referrals:referrals")
    everything = {r.pk for r in client.get(url).context["page"].object_list}
    assert {police.pk, csc.pk} <= everything
    response = client.get(url, {"referred_by": str(agency(partnership, "tvp").pk)})
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].object_list] == [police.pk]
    assert "1</strong> referral match the filter" in response.content.decode()


def test_the_referral_register_refuses_an_agency_that_is_not_a_choice(
    client_as: Callable[..., Client], partnership: Partnership, other_partnership: Partnership
) -> None:
    make_referral(partnership)
    elsewhere = Agency.objects.filter(partnership=other_partnership).first()
    assert elsewhere is not None
    response = client_as("panel_member").get(
        reverse("referrals:referrals"), {"referred_by": str(elsewhere.pk)}
    )
    refused(response, "referred_by", NOT_A_CHOICE)
    assert response.context["page"].paginator.count >= 1  # the list, unfiltered


# The review register (reviews.filters.ReviewFilter)


def test_the_review_register_lists_only_the_review_the_filter_matches(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    make_review(partnership, title="Child J", type="scr_dhr")
    make_review(partnership, title="Baby L")
    response = client_as("manager").get(reverse("reviews:reviews"), {"type": "scr_dhr"})
    assert response.status_code == 200
    assert [r.title for r in response.context["page"].object_list] == ["Child J"]


def test_the_review_register_refuses_a_type_that_is_not_a_choice(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    make_review(partnership, title="Child J")
    response = client_as("manager").get(reverse("reviews:reviews"), {"type": "inquiry"})
    refused(response, "type", "Select a valid choice. inquiry is not one of the available choices.")
    assert [r.title for r in response.context["page"].object_list] == ["Child J"]


# The audit trail (core.filters.AuditFilter)


def test_the_audit_trail_lists_only_the_rows_about_the_record_asked_for(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    police, csc = agency(partnership, "tvp"), agency(partnership, "occ-csc")
    scrutiny = client_as("scrutiny")
    for opened in (police, csc):
        scrutiny.get(reverse("accounts:agency", args=[opened.pk]))
    response = client_as("manager").get(
        reverse("core:audit"),
        {
            "record": f"accounts.agency {police.pk}",
            "person": User.objects.get(username="scrutiny@OSCB").pk,
        },
    )
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert [(r.object_id, r.actor_username) for r in rows] == [(str(police.pk), "scrutiny@OSCB")]


def test_the_audit_trail_refuses_a_date_that_does_not_exist(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("manager").get(
        reverse("core:audit"), {"date_from_0": "30", "date_from_1": "2", "date_from_2": "2026"}
    )
    refused(response, "date_from", "From must be a real date")


def test_the_audit_filter_refuses_a_period_that_runs_backwards() -> None:
    form = AuditFilter(
        {"date_from_0": "2", "date_from_1": "3", "date_from_2": "2026"}
        | {"date_to_0": "1", "date_to_1": "3", "date_to_2": "2026"},
        queryset=User.objects.none(),
    ).form
    assert not form.is_valid()
    assert form.errors["date_to"] == ["The end date must be the same as or after the start date"]


# Monitoring (actionplans.filters.MonitoringFilter)


def test_monitoring_lists_only_the_action_of_the_rating_asked_for(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    today = timezone.localdate()
    review = make_review(partnership)
    make_action(partnership, review=review, text="Late", due=PartialDate(today - dt.timedelta(3)))
    make_action(partnership, review=review, text="Later", due=PartialDate(today + dt.timedelta(90)))
    url = reverse("actionplans:monitoring", args=["executive"])
    client = client_as("manager")
    assert [r.action.text for r in client.get(url).context["rows"]] == ["Late", "Later"]
    response = client.get(url, {"rag": "red"})
    assert response.status_code == 200
    assert [r.action.text for r in response.context["rows"]] == ["Late"]


def test_monitoring_refuses_a_rating_that_is_not_a_choice_and_lists_the_open_actions(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    make_action(partnership, text="Open")
    url = reverse("actionplans:monitoring", args=["executive"])
    response = client_as("manager").get(url, {"rag": "purple"})
    refused(response, "rag", "Select a valid choice. purple is not one of the available choices.")
    assert [r.action.text for r in response.context["rows"]] == ["Open"]


def test_monitoring_with_nothing_chosen_lists_open_actions_by_due_date(
    client_as: Callable[..., Client], partnership: Partnership
) -> None:
    """The status and sort filters choose for the person who chooses nothing."""
    today = timezone.localdate()
    review = make_review(partnership)
    later = make_action(partnership, review=review, text="B", due=PartialDate(today))
    make_action(partnership, review=review, text="A", due=PartialDate(today - dt.timedelta(9)))
    manager = client_as("manager")
    actions.change_action_status(
        later, status="cancelled", cancelled_reason="Not needed.", acting_user=None
    )
    filterset = MonitoringFilter(
        None, queryset=AgencyAction.objects.filter(partnership=partnership)
    )
    assert [a.text for a in filterset.records] == ["A"]
    url = reverse("actionplans:monitoring", args=["executive"])
    assert [r.action.text for r in manager.get(url).context["rows"]] == ["A"]
    cancelled = manager.get(url, {"status": "cancelled"})
    assert [r.action.text for r in cancelled.context["rows"]] == ["B"]


# The service administrator's searches (accounts.filters)


def service_admin() -> Client:
    return signed_in(User.objects.get(username=SERVICE_ADMIN_USERNAME))


def test_the_people_search_lists_only_the_person_whose_name_matches() -> None:
    response = service_admin().get(reverse("accounts:service-people"), {"q": "panel_member@OSCB"})
    assert response.status_code == 200
    assert [p.username for p in response.context["page"].object_list] == ["panel_member@OSCB"]
    assert "1 person" in response.content.decode()


def test_the_people_search_refuses_more_than_150_characters() -> None:
    response = service_admin().get(reverse("accounts:service-people"), {"q": "x" * 151})
    refused(response, "q", "Ensure this value has at most 150 characters (it has 151).")


def test_the_failed_sign_ins_search_lists_only_the_username_that_matches() -> None:
    accounts.record_failed_sign_in("guess-one")
    accounts.record_failed_sign_in("another-try")
    response = service_admin().get(reverse("accounts:sign-in-attempts"), {"q": "guess"})
    assert response.status_code == 200
    assert [a.actor_username for a in response.context["page"].object_list] == ["guess-one"]


def test_the_failed_sign_ins_search_refuses_a_control_character() -> None:
    response = service_admin().get(reverse("accounts:sign-in-attempts"), {"q": "gu\x01ess"})
    refused(
        response,
        "q",
        "Remove the control character U+0001 at character 3: text may contain letters, "
        "numbers, punctuation, tabs and line breaks only",
    )
