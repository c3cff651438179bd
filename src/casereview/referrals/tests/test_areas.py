"""Where the child lives and where the harm happened: which partnership leads a case that
crosses boundaries (issue 13)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casereview.accounts import services as accounts
from casereview.accounts.models import Agency, Partnership
from casereview.referrals import services
from casereview.referrals.models import Referral
from casereview.referrals.rules import leading_area
from casereview.referrals.tests.test_referral_pages import police, referral_form
from casereview.testing.forms import version_for
from casereview.testing.records import make_referral

# The rule


def test_where_the_harm_happened_leads_when_the_child_lives_elsewhere() -> None:
    lead = leading_area("Oxfordshire", "Northmoor")
    assert lead.area == "Northmoor" and lead.crosses
    assert "the local authority where the harm happened notifies the Panel" in lead.why
    assert "working with Oxfordshire's" in lead.why


def test_the_area_the_partnerships_agreed_leads() -> None:
    lead = leading_area("Oxfordshire", "Northmoor", "Oxfordshire")
    assert lead.area == "Oxfordshire" and lead.crosses
    assert "agreed that Oxfordshire's leads" in lead.why


def test_harm_outside_england_is_led_where_the_child_normally_lives() -> None:
    lead = leading_area("Oxfordshire", "Cardiff", harm_outside_england=True)
    assert lead.area == "Oxfordshire" and lead.crosses
    assert "outside England" in lead.why


def test_the_same_area_written_differently_does_not_cross_boundaries() -> None:
    lead = leading_area("Oxfordshire", " oxfordshire ")
    assert not lead.crosses and lead.area == "oxfordshire"


@pytest.mark.parametrize(
    ("lives", "harmed", "said"),
    [
        ("", "", "Where the child lives and where the harm happened are not recorded"),
        ("Oxfordshire", "", "Where the harm happened is not recorded"),
    ],
)
def test_an_area_not_recorded_says_so_and_names_no_lead(lives: str, harmed: str, said: str) -> None:
    lead = leading_area(lives, harmed)
    assert lead.area == "" and not lead.crosses
    assert said in lead.why and "cannot be said" in lead.why


def test_where_the_child_lives_unrecorded_still_leaves_the_harms_area_to_lead() -> None:
    lead = leading_area("", "Northmoor")
    assert lead.area == "Northmoor" and not lead.crosses
    assert "Where the child lives is not recorded" in lead.why


# The pages


def cross_boundary_form(agency: Agency, **areas: str) -> dict[str, str]:
    return referral_form(
        agency,
        child_lives_in=areas.get("child_lives_in", "Oxfordshire"),
        harm_happened_in=areas.get("harm_happened_in", "northmoor"),
        lead_agreed=areas.get("lead_agreed", ""),
    )


@pytest.mark.django_db
def test_a_case_harmed_in_another_partnerships_area_names_it_and_this_one_contributes(
    client_as: Callable, partnership: Partnership, other_partnership: Partnership
) -> None:
    client = client_as("panel_member")
    form = client.get(reverse("referrals:referral-add")).content.decode()
    # the areas of every partnership in the service are suggested
    assert '<option value="Northmoor">' in form and '<option value="Oxfordshire">' in form
    response = client.post(
        reverse("referrals:referral-add"), cross_boundary_form(police(partnership))
    )
    referral = Referral.objects.get(partnership=partnership)
    assert referral.harm_happened_in == "Northmoor"  # as the partnership names its area
    page = client.get(response["Location"]).content.decode()
    assert "Where the child lives" in page and "Oxfordshire" in page
    assert "Where the harm happened" in page
    assert (
        "This case crosses boundaries: Northmoor&#x27;s partnership "
        "(Northmoor Safeguarding Children Partnership) leads." in page
    )
    assert "Oxfordshire Safeguarding Children Board contributes" in page
    assert "No partnership in the service covers" not in page
    home = client.get("/").content.decode()
    assert "Cases another partnership leads: yours contributes" in home
    assert f"{referral.reference}: Northmoor&#x27;s partnership leads" in home


@pytest.mark.django_db
def test_a_case_agreed_to_be_led_here_says_this_partnership_leads(
    client_as: Callable, partnership: Partnership, other_partnership: Partnership
) -> None:
    client = client_as("manager")
    client.post(
        reverse("referrals:referral-add"),
        cross_boundary_form(police(partnership), lead_agreed="Oxfordshire"),
    )
    referral = Referral.objects.get(partnership=partnership)
    page = client.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Area agreed to lead" in page
    assert (
        "This case crosses boundaries: Oxfordshire&#x27;s partnership "
        "(Oxfordshire Safeguarding Children Board) leads." in page
    )
    assert "the other area's partnership contributes" in page
    assert "Cases another partnership leads" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_area_no_partnership_covers_is_saved_with_a_warning_and_its_partnership_named_absent(
    client_as: Callable, partnership: Partnership
) -> None:
    client = client_as("manager")
    response = client.post(
        reverse("referrals:referral-add"),
        cross_boundary_form(police(partnership), harm_happened_in="Westhampton"),
        follow=True,
    )
    page = response.content.decode()
    assert "No partnership in the service covers Westhampton. Check the spelling" in page
    assert (
        "This case crosses boundaries: Westhampton&#x27;s partnership leads; it is not yet in "
        "the service." in page
    )


@pytest.mark.django_db
def test_the_area_agreed_to_lead_must_be_one_of_the_two(
    client_as: Callable, partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    client = client_as("manager")
    url = reverse("referrals:referral-change", args=[referral.pk])
    data = cross_boundary_form(police(partnership), lead_agreed="Cherwell")
    data.pop("child_pseudonym"), data.pop("child_sex")
    response = client.post(url, {**data, "version": version_for(client, url)})
    assert response.status_code == 400
    assert (
        "The area agreed to lead must be where the child lives (Oxfordshire) or where the "
        "harm happened (Northmoor)" in response.content.decode()
    )
    referral.refresh_from_db()
    assert referral.child_lives_in == "" and referral.lead_agreed == ""


@pytest.mark.django_db
def test_changing_the_areas_is_in_the_referrals_history(
    client_as: Callable, partnership: Partnership, other_partnership: Partnership
) -> None:
    referral = make_referral(partnership)
    client = client_as("manager")
    url = reverse("referrals:referral-change", args=[referral.pk])
    form = client.get(url).content.decode()
    assert 'name="child_lives_in"' in form and 'list="id_child_lives_in-areas"' in form
    data = cross_boundary_form(police(partnership))
    data.pop("child_pseudonym"), data.pop("child_sex")
    client.post(url, {**data, "version": version_for(client, url)})
    referral.refresh_from_db()
    assert (referral.child_lives_in, referral.harm_happened_in) == ("Oxfordshire", "Northmoor")
    again = client.get(url).content.decode()
    assert 'value="Oxfordshire"' in again and 'value="Northmoor"' in again
    page = client.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Facts changed" in page
    assert "where the child lives, where the harm happened" in page


@pytest.mark.django_db
def test_a_lead_agreed_without_both_areas_is_refused_by_the_service(
    partnership: Partnership,
) -> None:
    referral = make_referral(partnership)
    with pytest.raises(ValidationError, match="Record where the child lives and where the harm"):
        services.change_referral(referral, acting_user=None, lead_agreed="Oxfordshire")


@pytest.mark.django_db
def test_the_lead_follows_the_areas_partnerships_cover_now(
    client_as: Callable, partnership: Partnership, other_partnership: Partnership
) -> None:
    """An area a partnership takes on later names that partnership on the case."""
    referral = make_referral(partnership)
    services.change_referral(
        referral, acting_user=None, child_lives_in="Oxfordshire", harm_happened_in="Eastvale"
    )
    url = reverse("referrals:referral", args=[referral.pk])
    client = client_as("manager")
    assert "it is not yet in the service" in client.get(url).content.decode()
    accounts.change_local_authorities(
        other_partnership, local_authorities=["Northmoor", "Eastvale"], acting_user=None
    )
    assert (
        "Eastvale&#x27;s partnership (Northmoor Safeguarding Children Partnership) leads."
        in client.get(url).content.decode()
    )
