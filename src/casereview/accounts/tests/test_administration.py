"""Managers administer the agencies and people of their own partnership, and only those."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.choices import AgencyKind, Role
from casereview.accounts.models import Agency, Invitation, Membership, Partnership, User
from casereview.core.models import AuditEvent
from casereview.testing.fixtures import DEMO_PASSWORD
from casereview.testing.forms import version_for
from casereview.testing.onboarding import invitation_link

pytestmark = pytest.mark.django_db

PASSWORD = "violet-harbour-kettle-93"


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


def test_a_manager_invites_a_person_who_joins_by_the_link(
    client_as: Callable, partnership: Partnership, mailoutbox: list
) -> None:
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    response = client_as("manager").post(
        reverse("accounts:person-add"),
        {
            "full_name": "Detective Constable Smith",
            "email": "dc.smith@example.org",
            "role": Role.AGENCY_LEAD,
            "agency": police.pk,
        },
    )
    assert response["Location"] == reverse("accounts:people")
    assert not User.objects.filter(email="dc.smith@example.org").exists()  # not until they join
    link = invitation_link("dc.smith@example.org")
    client = Client()
    joined = client.post(
        link,
        {"username": "dc.smith", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert joined.status_code == 302
    membership = Membership.objects.get(user__username="dc.smith")
    assert (membership.partnership, membership.role, membership.agency) == (
        partnership,
        Role.AGENCY_LEAD,
        police,
    )
    assert membership.user.email == "dc.smith@example.org"
    assert membership.user.check_password(PASSWORD)
    event = AuditEvent.objects.filter(object_type="accounts.membership").order_by("-id")[0]
    assert event.changes["after"]["username"] == "dc.smith"
    assert PASSWORD not in str(event.changes)


def test_the_people_page_lists_the_invitations_waiting(
    client_as: Callable, mailoutbox: list
) -> None:
    client = client_as("manager")
    client.post(
        reverse("accounts:person-add"),
        {"full_name": "Pat Waiting", "email": "pat@example.org", "role": Role.SCRUTINY},
    )
    page = client.get(reverse("accounts:people")).content.decode()
    assert "Invitations waiting" in page
    assert "Pat Waiting (pat@example.org), board and scrutiny member" in page


def test_inviting_a_person_needs_an_email_and_a_lead_needs_an_agency(
    client_as: Callable, mailoutbox: list
) -> None:
    response = client_as("manager").post(
        reverse("accounts:person-add"),
        {"full_name": "X", "email": "", "role": Role.AGENCY_LEAD, "agency": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the email address to send the invitation to" in page
    assert "Select the agency this agency lead works for" in page
    assert mailoutbox == []


def test_a_manager_cannot_pick_another_partnerships_agency(
    client_as: Callable, other_partnership: Partnership
) -> None:
    theirs = Agency.objects.filter(partnership=other_partnership)[0]
    response = client_as("manager").post(
        reverse("accounts:person-add"),
        {
            "full_name": "New",
            "email": "new@example.org",
            "role": Role.AGENCY_LEAD,
            "agency": theirs.pk,
        },
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(email="new@example.org").exists()


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


def test_a_manager_sends_a_link_to_set_a_new_password_to_someone_who_forgot(
    client_as: Callable, demo_user: Callable, mailoutbox: list
) -> None:
    person = Membership.objects.get(user=demo_user("panel_member"))
    TOTPDevice.objects.create(user=person.user, name="Their app", confirmed=True)
    response = client_as("manager").post(reverse("accounts:person-new-password", args=[person.pk]))
    assert response["Location"] == reverse("accounts:person", args=[person.pk])
    assert demo_user("panel_member").check_password(DEMO_PASSWORD)  # until they use the link
    link = invitation_link(person.user.email)
    page = Client().get(link)
    assert "Set a new password" in page.content.decode()
    assert person.user.username in page.content.decode()
    set_it = Client().post(link, {"password": PASSWORD, "password_again": PASSWORD})
    assert set_it.status_code == 302
    assert set_it["Location"] == reverse("accounts:second-factor")  # their app, as before
    assert demo_user("panel_member").check_password(PASSWORD)
    again = Client().post(link, {"password": PASSWORD + "x", "password_again": PASSWORD + "x"})
    assert again.status_code == 410
    assert demo_user("panel_member").check_password(PASSWORD)


def test_a_link_cannot_be_sent_to_someone_with_no_email_address(
    client_as: Callable, demo_user: Callable, mailoutbox: list
) -> None:
    person = Membership.objects.get(user=demo_user("scrutiny"))
    User.objects.filter(pk=person.user_id).update(email="")
    client = client_as("manager")
    url = reverse("accounts:person-new-password", args=[person.pk])
    assert "has no email address" in client.get(url).content.decode()
    response = client.post(url)
    assert "Add it first" in response.content.decode()
    assert mailoutbox == []


def test_a_manager_of_one_partnership_cannot_reset_anothers_password(
    client_as: Callable, demo_user: Callable
) -> None:
    theirs = Membership.objects.get(user=demo_user("panel_member", "NMSCP"))
    response = client_as("manager").post(reverse("accounts:person-new-password", args=[theirs.pk]))
    assert response.status_code == 404
