from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.choices import Role
from casereview.accounts.models import Membership, Partnership, User
from casereview.testing.fixtures import DEMO_PASSWORD, signed_in

pytestmark = pytest.mark.django_db
SIGN_IN = "/sign-in/"


def test_a_wrong_password_is_refused_with_a_clear_message() -> None:
    response = Client().post(SIGN_IN, {"username": "manager@OSCB", "password": "not the password"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The username or password is not right" in page
    assert "Traceback" not in page


def test_blank_fields_each_say_what_to_enter() -> None:
    response = Client().post(SIGN_IN, {"username": "", "password": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_username">Enter your username' in page
    assert 'href="#id_password">Enter your password' in page
    assert 'aria-describedby="id_username_helptext id_username-error"' in page


def current_code(user: User) -> str:
    """What the person's authenticator app shows now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def with_an_app(user: User) -> User:
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def sign_in_fully(client: Client, username: str, **extra: str) -> Any:
    """Password, then the app's code: the response to the code."""
    user = with_an_app(User.objects.get(username=username))
    password = client.post(
        SIGN_IN + extra.pop("query", ""), {"username": username, "password": DEMO_PASSWORD, **extra}
    )
    assert password["Location"] == reverse("accounts:second-factor")
    return client.post(reverse("accounts:second-factor"), {"code": current_code(user)})


def test_signing_in_opens_the_home_page_with_the_partnership_in_the_header() -> None:
    client = Client()
    response = sign_in_fully(client, "manager@OSCB")
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/").content.decode()
    assert "Oxfordshire Safeguarding Children Board" in home
    assert "Manage case reviews" in home


def test_after_signing_in_a_person_returns_to_the_page_they_asked_for() -> None:
    response = sign_in_fully(Client(), "manager@OSCB", query="?next=/agencies/", next="/agencies/")
    assert response["Location"] == "/agencies/"


def test_a_next_address_on_another_site_is_ignored() -> None:
    response = sign_in_fully(Client(), "manager@OSCB", next="https://evil.example/")
    assert response["Location"] == "/"


def test_a_person_with_no_current_role_is_told_to_ask_their_manager(
    partnership: Partnership,
) -> None:
    user = User.objects.create_user("former@OSCB", password=DEMO_PASSWORD)
    Membership.objects.create(
        user=user, partnership=partnership, role=Role.PANEL_MEMBER, is_active=False
    )
    client = signed_in(user)
    response = client.get("/")
    assert response.status_code == 403
    assert "You have no role in a partnership" in response.content.decode()
    assert client.get(reverse("accounts:agencies")).status_code == 403


def test_a_person_in_two_partnerships_chooses_which_to_act_in(
    partnership: Partnership, other_partnership: Partnership, demo_user: Callable
) -> None:
    user = demo_user("panel_member")
    own = Membership.objects.get(user=user)
    other = Membership.objects.create(user=user, partnership=other_partnership, role=Role.SCRUTINY)
    client = Client()
    response = sign_in_fully(client, user.username)
    assert response["Location"] == reverse("accounts:choose-partnership")
    choose = reverse("accounts:choose-partnership")
    assert client.post(choose, {"membership": "x"}).status_code == 400
    client.post(choose, {"membership": other.pk})
    home = client.get("/").content.decode()
    assert other_partnership.name in home and "Board and scrutiny member" in home
    client.post(choose, {"membership": own.pk})
    home = client.get("/").content.decode()
    assert partnership.name in home and "Subgroup member" in home


def test_signing_out_needs_a_post_and_ends_the_session(client_as: Callable) -> None:
    client = client_as("manager")
    assert client.get(reverse("accounts:sign-out")).status_code == 200
    assert client.get("/").status_code == 200
    client.post(reverse("accounts:sign-out"))
    assert client.get("/").status_code == 302


def test_changing_ones_password(demo_user: Callable, client_as: Callable) -> None:
    client = client_as("reviewer")
    url = reverse("accounts:change-password")
    short = client.post(url, {"current_password": DEMO_PASSWORD, "new_password": "short"})
    assert short.status_code == 400
    assert "at least 12 characters" in short.content.decode()
    wrong = client.post(url, {"current_password": "nope", "new_password": "a-long-new-password"})
    assert "Your current password is not right" in wrong.content.decode()
    done = client.post(
        url, {"current_password": DEMO_PASSWORD, "new_password": "a-long-new-password"}
    )
    assert done.status_code == 302
    assert demo_user("reviewer").check_password("a-long-new-password")
    assert client.get("/").status_code == 200  # still signed in


@pytest.mark.parametrize(
    ("weak", "why"),
    [
        ("aaaaaaaaaaaa", "Repeats like"),
        ("qwertyuiopas", "similar to a commonly used password"),
        ("reviewer@OSCB1", "too easy to guess"),  # the username with a digit
    ],
)
def test_a_long_but_guessable_password_is_refused(
    weak: str, why: str, demo_user: Callable, client_as: Callable
) -> None:
    client = client_as("reviewer")
    response = client.post(
        reverse("accounts:change-password"),
        {"current_password": DEMO_PASSWORD, "new_password": weak},
    )
    assert response.status_code == 400
    page = response.content.decode().replace("&quot;", '"')
    assert "This password is too easy to guess" in page and why in page
    assert demo_user("reviewer").check_password(DEMO_PASSWORD)
