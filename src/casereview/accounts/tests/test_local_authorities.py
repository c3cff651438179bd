"""The local authority areas a partnership covers: its business manager sets them, the command
that adds a partnership takes them, and no area is in two partnerships' arrangements."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.accounts.tests.test_partnerships import NEW, admin, run
from casereview.core.models import AuditEvent
from casereview.testing.fixtures import signed_in
from casereview.testing.forms import version_for

pytestmark = pytest.mark.django_db

URL = reverse("accounts:local-authorities")


def test_the_manager_records_the_areas_and_the_agencies_page_shows_them(
    client_as: Callable, partnership: Partnership
) -> None:
    client = client_as("manager")
    agencies = client.get(reverse("accounts:agencies")).content.decode()
    assert "Oxfordshire Safeguarding Children Board covers Oxfordshire." in agencies
    assert "Change the local authority areas" in agencies
    form = client.get(URL).content.decode()
    assert "Local authority areas your partnership covers" in form
    response = client.post(
        URL,
        {"local_authorities": "Oxfordshire\n\n  Cherwell \n", "version": version_for(client, URL)},
        follow=True,
    )
    assert response.status_code == 200
    assert "Your partnership covers Oxfordshire, Cherwell." in response.content.decode()
    assert "covers Oxfordshire and Cherwell." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.local_authorities == ["Oxfordshire", "Cherwell"]
    row = AuditEvent.objects.filter(object_type="accounts.partnership").latest("id")
    assert row.actor_username == "manager@OSCB"
    assert row.changes == {
        "local_authorities": {"before": ["Oxfordshire"], "after": ["Oxfordshire", "Cherwell"]}
    }


def test_a_subgroup_member_sees_the_areas_but_may_not_change_them(
    client_as: Callable,
) -> None:
    client = client_as("panel_member")
    agencies = client.get(reverse("accounts:agencies")).content.decode()
    assert "covers Oxfordshire." in agencies
    assert "Change the local authority areas" not in agencies
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Oxfordshire\nNorthmoor",
            "Northmoor is covered by Northmoor Safeguarding Children Partnership already",
        ),
        ("Oxfordshire\nOXFORDSHIRE", "OXFORDSHIRE is named twice: name it once"),
    ],
)
def test_an_area_in_another_partnership_or_named_twice_is_refused(
    client_as: Callable, partnership: Partnership, typed: str, message: str
) -> None:
    client = client_as("manager")
    response = client.post(URL, {"local_authorities": typed, "version": version_for(client, URL)})
    assert response.status_code == 400
    assert message in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.local_authorities == ["Oxfordshire"]


def test_the_command_adds_a_partnership_covering_the_areas_given() -> None:
    status, _, err = run(
        "add",
        "NSP",
        "--name",
        "Northshire Safeguarding Partnership",
        "--nation",
        "england",
        "--manager",
        "robin@example.org",
        "--area",
        "Northshire",
        "--area",
        "Eastvale",
    )
    assert status == 0, err
    assert "covering Northshire, Eastvale" in err
    assert Partnership.objects.get(code="NSP").local_authorities == ["Northshire", "Eastvale"]


def test_the_command_refuses_an_area_another_partnership_covers() -> None:
    status, _, err = run(
        "add",
        "NSP",
        "--name",
        "Northshire Safeguarding Partnership",
        "--nation",
        "england",
        "--manager",
        "robin@example.org",
        "--area",
        "Oxfordshire",
    )
    assert status == 1
    assert "Oxfordshire is covered by Oxfordshire Safeguarding Children Board already" in err
    assert not Partnership.objects.filter(code="NSP").exists()


def test_a_partnership_added_without_areas_covers_none_yet() -> None:
    status, _, err = run(
        "add",
        "NSP",
        "--name",
        "Northshire Safeguarding Partnership",
        "--nation",
        "england",
        "--manager",
        "robin@example.org",
    )
    assert status == 0, err
    assert "covering no local authority area yet" in err
    assert Partnership.objects.get(code="NSP").local_authorities == []


def test_a_service_administrator_adds_a_partnership_with_its_areas() -> None:
    client = signed_in(admin())
    url = reverse("accounts:service-partnership-add")
    taken = client.post(url, NEW | {"local_authorities": "Northshire\nNorthmoor"})
    assert taken.status_code == 400
    assert "Northmoor is covered by Northmoor Safeguarding Children Partnership" in (
        taken.content.decode()
    )
    assert not Partnership.objects.filter(code="NSP").exists()
    client.post(url, NEW | {"local_authorities": "Northshire\nEastvale"})
    partnership = Partnership.objects.get(code="NSP")
    assert partnership.local_authorities == ["Northshire", "Eastvale"]
    page = client.get(reverse("accounts:service-partnership", args=[partnership.pk]))
    assert "Northshire, Eastvale" in page.content.decode()
