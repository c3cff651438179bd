"""A person who belongs to two partnerships cannot be taken over by either one's manager.

The attack this closes: a business manager sets a new password for, or changes the email of,
someone who also works for another partnership, signs in as them, and reads the other
partnership's reviews. Credentials and identity are changed by the person, by a manager of
their only partnership, or by a service administrator.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casereview.accounts import services
from casereview.accounts.models import Invitation, Membership, Partnership, User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME, SHARED_REVIEWER_USERNAME
from casereview.testing.fixtures import DEMO_PASSWORD, signed_in
from casereview.testing.forms import opened
from casereview.testing.onboarding import invitation_link

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "amber-lantern-pebble-57"


def shared_membership(code: str = "OSCB") -> Membership:
    return Membership.objects.get(user__username=SHARED_REVIEWER_USERNAME, partnership__code=code)


def service_admin_client() -> Client:
    client = signed_in(User.objects.get(username=SERVICE_ADMIN_USERNAME))
    return client


def test_a_manager_cannot_set_a_password_for_someone_in_another_partnership_too(
    client_as: Callable[..., Client],
) -> None:
    shared = shared_membership()
    client = client_as("manager")
    response = client.post(reverse("accounts:person-new-password", args=[shared.pk]))
    assert response.status_code == 403
    assert "also belongs to another partnership" in response.content.decode()
    shared.user.refresh_from_db()
    assert shared.user.check_password(DEMO_PASSWORD)
    assert not Invitation.objects.filter(user=shared.user).exists()
    page = client.get(reverse("accounts:person", args=[shared.pk])).content.decode()
    assert "a link to set a new password" not in page
    assert "only they or a service administrator" in page


def test_a_manager_cannot_change_the_email_of_someone_in_another_partnership_too(
    client_as: Callable[..., Client],
) -> None:
    shared = shared_membership()
    before = shared.user.email
    client = client_as("manager")
    url = reverse("accounts:person-change", args=[shared.pk])
    response = client.post(
        url, opened(client, url, email="attacker@example.org", full_name="Someone else")
    )
    # The identity fields are locked: what was sent for them is ignored, the rest is saved.
    assert response.status_code == 302
    shared.user.refresh_from_db()
    assert shared.user.email == before
    assert shared.user.full_name == "Demo reviewer for both partnerships"


def test_the_service_refuses_a_shared_persons_identity_change_whatever_the_page_sends(
    demo_user: Callable[..., User],
) -> None:
    shared = shared_membership()
    manager = demo_user("manager")
    manager.active_membership = Membership.objects.get(user=manager)
    with pytest.raises(PermissionDenied):
        services.set_password(shared.user, new_password="a-new-password-7Qx", acting_user=manager)
    with pytest.raises(PermissionDenied):
        services.send_password_link(shared.user, acting_user=manager)
    with pytest.raises(Exception, match="also belongs to another partnership"):
        services.change_person(
            shared,
            acting_user=manager,
            full_name=shared.user.full_name,
            email="attacker@example.org",
            role=shared.role,
            agency=None,
            is_active=True,
        )
    shared.user.refresh_from_db()
    assert shared.user.email == "shared-reviewer@example.org"


def test_a_manager_still_changes_a_shared_persons_role_in_their_own_partnership(
    client_as: Callable[..., Client],
) -> None:
    shared = shared_membership()
    client = client_as("manager")
    url = reverse("accounts:person-change", args=[shared.pk])
    response = client.post(url, opened(client, url, role="panel_member"))
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.role == "panel_member"
    assert shared_membership("NMSCP").role == "reviewer"


def test_a_manager_looks_after_someone_who_belongs_to_their_partnership_only(
    client_as: Callable[..., Client], demo_user: Callable[..., User], mailoutbox: list
) -> None:
    panel_member = Membership.objects.get(user=demo_user("panel_member"))
    client = client_as("manager")
    response = client.post(reverse("accounts:person-new-password", args=[panel_member.pk]))
    assert response.status_code == 302
    assert invitation_link(panel_member.user.email)
    url = reverse("accounts:person-change", args=[panel_member.pk])
    changed = client.post(url, opened(client, url, email="new.address@example.org"))
    assert changed.status_code == 302
    panel_member.user.refresh_from_db()
    assert panel_member.user.email == "new.address@example.org"


def test_a_service_administrator_changes_a_shared_persons_email_and_password(
    mailoutbox: list,
) -> None:
    shared = shared_membership().user
    client = service_admin_client()
    listed = client.get(reverse("accounts:service-people"), {"q": "both partnerships"})
    assert shared.username in listed.content.decode()
    assert "Subgroup member" not in listed.content.decode()  # the search narrowed it

    changed = client.post(
        reverse("accounts:service-person-change", args=[shared.pk]),
        {"full_name": shared.full_name, "email": "new.shared@example.org"},
    )
    assert changed.status_code == 302
    shared.refresh_from_db()
    assert shared.email == "new.shared@example.org"

    response = client.post(reverse("accounts:service-person-new-password", args=[shared.pk]))
    assert response["Location"] == reverse("accounts:service-person", args=[shared.pk])
    link = invitation_link("new.shared@example.org")
    Client().post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    shared.refresh_from_db()
    assert shared.check_password(NEW_PASSWORD)

    rows = AuditEvent.objects.filter(
        actor__username=SERVICE_ADMIN_USERNAME, object_id=str(shared.pk), action=AuditAction.CHANGE
    )
    assert rows.count() == 1
    assert rows.filter(changes__email__after="new.shared@example.org").exists()
    sent = AuditEvent.objects.get(
        actor__username=SERVICE_ADMIN_USERNAME,
        object_type="accounts.invitation",
        action=AuditAction.CREATE,
    )
    assert sent.changes["after"]["email"] == "new.shared@example.org"
    changed_by_link = AuditEvent.objects.filter(
        actor=shared, object_id=str(shared.pk), action=AuditAction.CHANGE
    ).get()
    assert changed_by_link.changes == {
        "password": {"before": "(hidden)", "after": "(changed by a link)"}
    }


def test_a_service_administrator_has_no_partnership_pages(client_as: Callable) -> None:
    client = service_admin_client()
    home = client.get(reverse("home")).content.decode()
    assert "Service administration" in home
    assert "Cases to consider" not in home
    assert client.get(reverse("accounts:people")).status_code == 403
    assert client.get(reverse("referrals:referrals")).status_code == 403


def test_the_command_adds_a_service_administrator() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "service_admin", "add", "ops@service", "--email", "ops@example.org", stdout=out, stderr=err
    )
    password = out.getvalue().rsplit(": ", 1)[1].strip()
    admin = User.objects.get(username="ops@service")
    assert admin.is_service_admin and admin.check_password(password)
    assert not admin.memberships.exists()
    with pytest.raises(SystemExit) as taken:
        call_command("service_admin", "add", "ops@service", "--email", "x@example.org", stderr=err)
    assert taken.value.code == 1 and "is taken" in err.getvalue()
    with pytest.raises(SystemExit) as bad:
        call_command("service_admin", "add", "ops2", "--email", "not-an-email", stderr=err)
    assert bad.value.code == 1 and "email" in err.getvalue()


def test_a_service_administrator_who_also_has_a_role_keeps_their_pages(
    partnership: Partnership,
) -> None:
    admin = User.objects.get(username=SERVICE_ADMIN_USERNAME)
    Membership.objects.create(user=admin, partnership=partnership, role="scrutiny")
    client = signed_in(admin)
    assert client.get(reverse("accounts:service-people")).status_code == 200
    assert client.get(reverse("accounts:sign-in-attempts")).status_code == 200
    shared = shared_membership().user
    assert client.get(reverse("accounts:service-person", args=[shared.pk])).status_code == 200
