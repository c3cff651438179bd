"""The second factor: a password alone reaches nothing but the pages that ask for a code."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Membership, User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.core.tests.test_permission_matrix import MATRIX, url_for
from casereview.core.tests.test_settings_and_security import (
    STRONG_AUDIT_KEY,
    STRONG_KEY,
    run_casereview,
)
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME, SHARED_REVIEWER_USERNAME
from casereview.testing.fixtures import DEMO_PASSWORD, signed_in

pytestmark = pytest.mark.django_db

SETUP = "/sign-in/set-up-app/"
CODE = "/sign-in/code/"
BEFORE_THE_CODE = {"accounts:second-factor", "accounts:second-factor-setup", "accounts:sign-out"}
# Pages for anyone, signed in or not: the footer's, and an invitation's (for whoever holds its
# link; the matrix opens a wrong one, not found by anyone).
PUBLIC = {name for name, expect in MATRIX.items() if expect.anonymous in (200, 404)}


def password_only(username: str = "manager@OSCB") -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


@pytest.mark.parametrize("name", sorted(set(MATRIX) - BEFORE_THE_CODE - PUBLIC))
def test_a_password_alone_reaches_nothing_but_setting_up_the_app(name: str, partnership) -> None:
    client = password_only()
    response = client.get(url_for(name, partnership))
    assert response.status_code == 302 and response["Location"] == SETUP, name


def test_setting_up_the_app_from_its_qr_code_gives_recovery_codes_then_the_service(
    demo_user: Callable,
) -> None:
    client = password_only()
    page = client.get(SETUP).content.decode()
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="QR code', page)
    assert "Cases to consider" not in page and "Change password" not in page  # nothing yet
    shown = re.search(r'id="secret-key"[^>]*>([A-Z2-7 ]+)<', page)
    assert shown is not None
    secret = shown.group(1).replace(" ", "")
    assert len(secret) == 32

    wrong = client.post(SETUP, {"code": "000000"})
    assert wrong.status_code == 400 and "The code is not right" in wrong.content.decode()
    assert client.get("/").status_code == 302
    # django-otp makes a guesser wait after each wrong code; a person retrying later would not.
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)

    right = client.post(SETUP, {"code": f"{totp(base64.b32decode(secret)):06d}"})
    assert right.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", right.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/").status_code == 200
    manager = demo_user("manager")
    assert AuditEvent.objects.filter(
        actor=manager, action=AuditAction.CHANGE, object_repr="second factor of manager@OSCB"
    ).exists()


def test_signing_in_again_needs_the_apps_code_and_a_wrong_one_is_audited(
    demo_user: Callable,
) -> None:
    device = TOTPDevice.objects.create(user=demo_user("manager"), name="app", confirmed=True)
    client = Client()
    response = client.post("/sign-in/", {"username": "manager@OSCB", "password": DEMO_PASSWORD})
    assert response["Location"] == CODE
    assert client.get(reverse("referrals:referrals"))["Location"] == CODE
    wrong = client.post(CODE, {"code": "123456"})
    assert wrong.status_code == 400 and "The code is not right" in wrong.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, actor_username="manager@OSCB"
    ).exists()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp slows guessing after a wrong code
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(CODE, {"code": code_for(device)})
    assert right.status_code == 302 and right["Location"] == "/"
    assert client.get(reverse("referrals:referrals")).status_code == 200


def test_a_recovery_code_works_once(demo_user: Callable) -> None:
    from casereview.accounts.secondfactor import new_recovery_codes

    user = demo_user("reviewer")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = new_recovery_codes(user)
    first = password_only("reviewer@OSCB")
    assert first.post(CODE, {"code": codes[0]}).status_code == 302
    assert first.get("/").status_code == 200
    again = password_only("reviewer@OSCB")
    assert again.post(CODE, {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_a_manager_removes_the_second_factor_of_someone_in_their_partnership_alone(
    client_as: Callable, demo_user: Callable
) -> None:
    panel_member = Membership.objects.get(user=demo_user("panel_member"))
    TOTPDevice.objects.create(user=panel_member.user, name="app", confirmed=True)
    manager = client_as("manager")
    url = reverse("accounts:person-reset-second-factor", args=[panel_member.pk])
    assert manager.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=panel_member.user).exists()
    # Their next sign-in sets up a new app.
    assert password_only("panel_member@OSCB").get("/")["Location"] == SETUP

    shared = Membership.objects.get(
        user__username=SHARED_REVIEWER_USERNAME, partnership__code="OSCB"
    )
    TOTPDevice.objects.create(user=shared.user, name="app", confirmed=True)
    refused = manager.post(reverse("accounts:person-reset-second-factor", args=[shared.pk]))
    assert refused.status_code == 403
    assert TOTPDevice.objects.filter(user=shared.user).exists()

    admin = signed_in(User.objects.get(username=SERVICE_ADMIN_USERNAME))
    done = admin.post(reverse("accounts:service-person-reset-second-factor", args=[shared.user.pk]))
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=shared.user).exists()


def test_the_second_factor_may_be_relaxed_for_development_only(settings) -> None:
    settings.MFA_REQUIRED = False
    assert password_only().get("/").status_code == 200
    result = run_casereview(
        "check", DEBUG="0", SECRET_KEY=STRONG_KEY, AUDIT_KEY=STRONG_AUDIT_KEY, MFA_REQUIRED="0"
    )
    assert result.returncode == 1
    assert "MFA_REQUIRED=0 is for development only" in result.stderr
