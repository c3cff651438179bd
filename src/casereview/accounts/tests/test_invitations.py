"""Invitations: a link by email that works once, for 7 days, to join a partnership."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.accounts import invitations, services
from casereview.accounts.choices import Role
from casereview.accounts.models import Invitation, Membership, Partnership, User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.testing.fixtures import signed_in
from casereview.testing.onboarding import invitation_link

pytestmark = pytest.mark.django_db

PASSWORD = "copper-meadow-lantern-41"


def invite(client: Client, **fields: str) -> str:
    """The manager's client invites someone; the link emailed to them."""
    data = {"full_name": "Sam Newcomer", "email": "sam@example.org", "role": Role.PANEL_MEMBER}
    response = client.post(reverse("accounts:person-add"), data | fields)
    assert response.status_code == 302, response.content.decode()
    return invitation_link(data["email"] if "email" not in fields else fields["email"])


def accept(link: str, username: str = "sam", client: Client | None = None) -> Client:
    client = client or Client()
    response = client.post(
        link, {"username": username, "password": PASSWORD, "password_again": PASSWORD}
    )
    client.response = response  # type: ignore[attr-defined]
    return client


def test_accepting_sets_the_password_and_the_role_and_signs_the_person_in(
    client_as: Callable[..., Client], partnership: Partnership, mailoutbox: list
) -> None:
    link = invite(client_as("manager"))
    (email,) = mailoutbox
    assert email.to == ["sam@example.org"]
    assert partnership.name in email.subject and partnership.name in email.body
    assert "Demo partnership business manager (OSCB)" in email.body  # who invited them
    assert link in email.body and "7 days" not in email.subject

    page = Client().get(link)
    assert page.status_code == 200
    shown = page.content.decode()
    assert f"Join {partnership.name}" in shown and "Subgroup member" in shown
    assert page.context["form"].initial["username"] == "sam"  # suggested from the email

    client = accept(link)
    assert client.response.status_code == 302  # type: ignore[attr-defined]
    # The person is signed in with their password and goes on to set up their app.
    assert client.response["Location"] == reverse("accounts:second-factor-setup")  # type: ignore[attr-defined]
    assert client.get(reverse("accounts:second-factor-setup")).status_code == 200
    user = User.objects.get(username="sam")
    assert user.check_password(PASSWORD) and user.full_name == "Sam Newcomer"
    membership = Membership.objects.get(user=user)
    assert (membership.partnership, membership.role) == (partnership, Role.PANEL_MEMBER)
    invitation = Invitation.objects.get(email="sam@example.org")
    assert invitation.accepted_at is not None and invitation.user == user


def test_without_a_second_factor_required_the_person_lands_on_home(
    client_as: Callable[..., Client], settings: object, mailoutbox: list
) -> None:
    settings.MFA_REQUIRED = False  # type: ignore[attr-defined]
    client = accept(invite(client_as("manager")))
    assert client.response["Location"] == reverse("home")  # type: ignore[attr-defined]
    home = client.get(reverse("home"))
    assert home.status_code == 200 and "Oxfordshire" in home.content.decode()


def test_a_link_works_once(client_as: Callable[..., Client], mailoutbox: list) -> None:
    link = invite(client_as("manager"))
    accept(link)
    second = Client().get(link)
    assert second.status_code == 410
    page = second.content.decode()
    assert "This link has been used already" in page
    assert "Ask Demo partnership business manager (OSCB) to invite you again" in page
    again = accept(link, username="sam-again")
    assert again.response.status_code == 410  # type: ignore[attr-defined]
    assert not User.objects.filter(username="sam-again").exists()


def test_a_link_expires_after_seven_days(
    client_as: Callable[..., Client], mailoutbox: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = invite(client_as("manager"))
    sent = Invitation.objects.get(email="sam@example.org").created
    monkeypatch.setattr(timezone, "now", lambda: sent + dt.timedelta(days=6, hours=23))
    assert Client().get(link).status_code == 200
    monkeypatch.setattr(timezone, "now", lambda: sent + dt.timedelta(days=7, minutes=1))
    page = Client().get(link)
    assert page.status_code == 410
    assert "This link has expired: links work for 7 days" in page.content.decode()
    assert accept(link).response.status_code == 410  # type: ignore[attr-defined]
    assert not User.objects.filter(username="sam").exists()


def test_a_wrong_link_is_not_found(client_as: Callable[..., Client], mailoutbox: list) -> None:
    link = invite(client_as("manager"))
    token = urlsplit(link).path.rstrip("/").rsplit("/", 1)[1]
    wrong = reverse("accounts:invitation", args=[token[:-1] + ("A" if token[-1] != "A" else "B")])
    assert Client().get(wrong).status_code == 404
    assert accept(wrong).response.status_code == 404  # type: ignore[attr-defined]
    assert not User.objects.filter(username="sam").exists()


def test_the_token_is_not_stored_in_clear(
    client_as: Callable[..., Client], mailoutbox: list
) -> None:
    link = invite(client_as("manager"))
    token = urlsplit(link).path.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    invitation = Invitation.objects.get(email="sam@example.org")
    assert invitation.token_hash == invitations.hash_of(token) != token
    stored = [str(value) for value in Invitation.objects.values().get()]
    assert not any(token in value for value in stored)
    assert not AuditEvent.objects.filter(changes__icontains=token).exists()


def test_the_password_must_be_strong_and_typed_twice_alike(
    client_as: Callable[..., Client], mailoutbox: list
) -> None:
    link = invite(client_as("manager"))
    weak = Client().post(
        link, {"username": "sam", "password": "password1234", "password_again": "password1234"}
    )
    assert weak.status_code == 400
    assert "too easy to guess" in weak.content.decode()
    unlike = Client().post(
        link, {"username": "sam", "password": PASSWORD, "password_again": PASSWORD + "!"}
    )
    assert unlike.status_code == 400
    assert "The two passwords are not the same" in unlike.content.decode()
    taken = Client().post(
        link, {"username": "manager@OSCB", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert "This username is taken" in taken.content.decode()
    assert not Invitation.objects.get(email="sam@example.org").is_used


def test_a_newer_invitation_replaces_an_older_one(
    client_as: Callable[..., Client], mailoutbox: list
) -> None:
    client = client_as("manager")
    first = invite(client)
    second = invite(client)
    assert first != second
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200


def test_inviting_and_accepting_are_audited(
    client_as: Callable[..., Client], demo_user: Callable[..., User], mailoutbox: list
) -> None:
    accept(invite(client_as("manager")))
    invitation = Invitation.objects.get(email="sam@example.org")
    rows = AuditEvent.objects.filter(
        object_type="accounts.invitation", object_id=str(invitation.pk)
    ).order_by("id")
    created, accepted = rows
    assert (created.action, created.actor) == (AuditAction.CREATE, demo_user("manager"))
    assert created.changes["after"]["email"] == "sam@example.org"
    assert created.changes["after"]["role"] == Role.PANEL_MEMBER
    assert (accepted.action, accepted.actor_username) == (AuditAction.CHANGE, "sam")
    assert accepted.changes["user"]["after"] == invitation.user_id
    joined = AuditEvent.objects.get(object_type="accounts.membership", actor_username="sam")
    assert joined.action == AuditAction.CREATE and joined.partnership == invitation.partnership


def test_a_manager_invites_only_into_their_own_partnership(
    acting_as: Callable[..., User], other_partnership: Partnership
) -> None:
    manager = acting_as("manager")
    with pytest.raises(PermissionDenied):
        services.invite_person(
            other_partnership,
            full_name="Intruder",
            email="intruder@example.org",
            role=Role.MANAGER,
            agency=None,
            acting_user=manager,
        )
    for role in ("panel_member", "scrutiny", "reviewer"):
        with pytest.raises(PermissionDenied):
            services.invite_person(
                other_partnership,
                full_name="X",
                email="x@example.org",
                role=Role.PANEL_MEMBER,
                agency=None,
                acting_user=acting_as(role),
            )
    assert not Invitation.objects.exists()


def test_an_invitation_never_makes_a_service_administrator(
    client_as: Callable[..., Client], mailoutbox: list
) -> None:
    client = client_as("manager")
    response = client.post(
        reverse("accounts:person-add"),
        {"full_name": "Would-be admin", "email": "admin@example.org", "role": "service_admin"},
    )
    assert response.status_code == 400
    assert "service_admin" not in [value for value, _ in Role.choices]
    link = invite(client, email="admin@example.org", is_service_admin="on")
    accept(link, username="would-be-admin")
    assert User.objects.get(username="would-be-admin").is_service_admin is False


def test_a_service_administrator_invites_only_managers(
    partnership: Partnership, mailoutbox: list
) -> None:
    admin = User.objects.get(username=SERVICE_ADMIN_USERNAME)
    invitation = services.invite_person(
        partnership,
        full_name="Second manager",
        email="second@example.org",
        role=Role.MANAGER,
        agency=None,
        acting_user=admin,
    )
    assert invitation.invited_by == admin and invitation.token
    with pytest.raises(PermissionDenied):
        services.invite_person(
            partnership,
            full_name="A panel member",
            email="panel@example.org",
            role=Role.PANEL_MEMBER,
            agency=None,
            acting_user=admin,
        )


class RefusingBackend:
    """An email backend whose mail server refuses the connection."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: list) -> int:
        raise ConnectionRefusedError(111, "Connection refused")


def test_an_invitation_that_cannot_be_emailed_says_so_and_can_be_sent_again(
    client_as: Callable[..., Client], settings: object, mailoutbox: list
) -> None:
    client = client_as("manager")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"  # type: ignore[attr-defined]
    data = {"full_name": "Sam Newcomer", "email": "sam@example.org", "role": Role.PANEL_MEMBER}
    response = client.post(reverse("accounts:person-add"), data, follow=True)

    assert response.status_code == 200
    said = response.content.decode()
    assert "We could not email an invitation to Sam Newcomer at sam@example.org" in said
    assert "Connection refused" in said
    assert "We have sent" not in said

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    accept(invite(client))
    assert Membership.objects.filter(user__username="sam", role=Role.PANEL_MEMBER).exists()


def test_someone_who_signs_in_already_joins_with_the_account_they_have(
    client_as: Callable[..., Client], demo_user: Callable[..., User], mailoutbox: list
) -> None:
    reviewer = demo_user("panel_member", "NMSCP")
    link = invite(client_as("manager"), email=reviewer.email or "panel@nmscp.example.org")
    client = signed_in(reviewer)

    page = client.get(link).content.decode()
    assert f"Join as {reviewer.username}" in page
    response = client.post(link, {"join_with_account": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:choose-partnership")
    joined = Membership.objects.get(user=reviewer, partnership__code="OSCB")
    assert joined.role == Role.PANEL_MEMBER
    assert User.objects.filter(email__iexact=reviewer.email).count() == 1  # no second account
    assert client.post(link, {"join_with_account": "1"}).status_code == 410  # used up


def test_without_a_full_sign_in_the_page_offers_to_sign_in_first_and_joins_no_one(
    client_as: Callable[..., Client], demo_user: Callable[..., User], mailoutbox: list
) -> None:
    link = invite(client_as("manager"))
    stranger = Client()
    page = stranger.get(link).content.decode()
    assert "Sign in first" in page and "Join as" not in page

    password_only = Client()
    password_only.force_login(demo_user("panel_member", "NMSCP"))  # no second factor yet
    response = password_only.post(link, {"join_with_account": "1"})
    assert response.status_code == 400  # read as the new-account form, which is empty
    assert not Membership.objects.filter(
        user=demo_user("panel_member", "NMSCP"), partnership__code="OSCB"
    ).exists()
