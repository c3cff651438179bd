"""Managers administer the agencies and people of their own partnership, and only those."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.core.models import AuditEvent
from casereview.testing.forms import version_for

pytestmark = pytest.mark.django_db


def test_a_manager_adds_an_agency(client_as: Callable, partnership: Partnership) -> None:
    response = client_as("manager").post(
        reverse("accounts:agency-add"), {"name": "Oxfordshire Youth Justice", "kind": "other"}
    )
    agency = Agency.objects.get(name="Oxfordshire Youth Justice")
    assert response["Location"] == reverse("accounts:agency", args=[agency.pk])
    assert agency.partnership == partnership and agency.kind == AgencyKind.OTHER


def test_an_agency_form_with_mistakes_says_what_is_wrong(client_as: Callable) -> None:
    client = client_as("manager")
    blank = client.post(reverse("accounts:agency-add"), {"name": "", "kind": ""})
    assert blank.status_code == 400
    assert "Enter the agency&#x27;s name" in blank.content.decode()
    assert "Select the kind of agency" in blank.content.decode()
    bad_kind = client.post(reverse("accounts:agency-add"), {"name": "X", "kind": "army"})
    assert bad_kind.status_code == 400
    assert "Select a valid choice" in bad_kind.content.decode()
    duplicate = client.post(
        reverse("accounts:agency-add"), {"name": "thames valley police", "kind": "police"}
    )
    assert duplicate.status_code == 400
    assert "already has an agency with this name" in duplicate.content.decode()


def test_the_same_agency_name_may_exist_in_another_partnership(client_as: Callable) -> None:
    response = client_as("manager", "NMSCP").post(
        reverse("accounts:agency-add"), {"name": "Thames Valley Police", "kind": "police"}
    )
    assert response.status_code == 302


def test_a_manager_cannot_change_another_partnerships_agency(
    client_as: Callable, other_partnership: Partnership
) -> None:
    theirs = Agency.objects.filter(partnership=other_partnership)[0]
    response = client_as("manager").post(
        reverse("accounts:agency-change", args=[theirs.pk]), {"name": "Taken over", "kind": "other"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name != "Taken over"


def test_a_manager_adds_a_person_who_can_then_sign_in(
    client_as: Callable, partnership: Partnership
) -> None:
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    response = client_as("manager").post(
        reverse("accounts:person-add"),
        {
            "username": "dc.smith@OSCB",
            "full_name": "Detective Constable Smith",
            "email": "dc.smith@example.org",
            "role": Role.AGENCY_LEAD,
            "agency": police.pk,
        },
    )
    assert response.status_code == 200
    shown = re.search(r'<code id="first-password">([^<]+)</code>', response.content.decode())
    assert shown is not None
    password = shown[1]
    membership = Membership.objects.get(user__username="dc.smith@OSCB")
    assert (membership.partnership, membership.role, membership.agency) == (
        partnership,
        Role.AGENCY_LEAD,
        police,
    )
    client = Client()
    signed_in = client.post(
        reverse("accounts:sign-in"), {"username": "dc.smith@OSCB", "password": password}
    )
    assert signed_in.status_code == 302
    event = AuditEvent.objects.filter(object_type="accounts.membership").order_by("-id")[0]
    assert event.changes["after"]["username"] == "dc.smith@OSCB"
    assert password not in str(event.changes)


def test_adding_a_person_refuses_a_taken_username_and_a_lead_without_an_agency(
    client_as: Callable,
) -> None:
    response = client_as("manager").post(
        reverse("accounts:person-add"),
        {"username": "manager@NMSCP", "full_name": "X", "role": Role.AGENCY_LEAD, "agency": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This username is taken" in page
    assert "Select the agency this agency lead works for" in page


def test_a_manager_cannot_pick_another_partnerships_agency(
    client_as: Callable, other_partnership: Partnership
) -> None:
    theirs = Agency.objects.filter(partnership=other_partnership)[0]
    response = client_as("manager").post(
        reverse("accounts:person-add"),
        {"username": "new@OSCB", "full_name": "New", "role": Role.AGENCY_LEAD, "agency": theirs.pk},
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="new@OSCB").exists()


def test_a_manager_changes_a_persons_role_and_ends_their_access(
    client_as: Callable, demo_user: Callable
) -> None:
    person = Membership.objects.get(user=demo_user("scrutiny"))
    client, url = client_as("manager"), reverse("accounts:person-change", args=[person.pk])
    response = client.post(
        url,
        {"full_name": "Former scrutiny member", "email": "", "role": Role.SCRUTINY, "agency": ""}
        | {"version": version_for(client, url)},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_active is False
    assert client_as("scrutiny").get("/").status_code == 403


def test_a_manager_cannot_remove_their_own_access(client_as: Callable, demo_user: Callable) -> None:
    own = Membership.objects.get(user=demo_user("manager"))
    client = client_as("manager")
    client.post(
        reverse("accounts:person-change", args=[own.pk]),
        {"full_name": "Me", "role": Role.SCRUTINY, "is_active": "on"},
    )
    own.refresh_from_db()
    assert own.role == Role.MANAGER and own.is_active


def test_a_manager_sets_a_new_password_for_someone_who_forgot(
    client_as: Callable, demo_user: Callable
) -> None:
    person = Membership.objects.get(user=demo_user("panel_member"))
    response = client_as("manager").post(reverse("accounts:person-new-password", args=[person.pk]))
    shown = re.search(r'<code id="first-password">([^<]+)</code>', response.content.decode())
    assert shown is not None
    password = shown[1]
    assert demo_user("panel_member").check_password(password)


def test_a_manager_of_one_partnership_cannot_reset_anothers_password(
    client_as: Callable, demo_user: Callable
) -> None:
    theirs = Membership.objects.get(user=demo_user("panel_member", "NMSCP"))
    response = client_as("manager").post(reverse("accounts:person-new-password", args=[theirs.pk]))
    assert response.status_code == 404
