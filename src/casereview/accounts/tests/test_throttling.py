"""Sign-in throttling: five failures lock a username for fifteen minutes (django-axes)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import User
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.demo.partnerships import SERVICE_ADMIN_USERNAME
from casereview.testing.fixtures import DEMO_PASSWORD, signed_in

pytestmark = pytest.mark.django_db

SIGN_IN = "/sign-in/"
LOCKED = "There have been too many attempts to sign in with this username"


def attempt(username: str, password: str) -> tuple[int, str]:
    response = Client().post(SIGN_IN, {"username": username, "password": password})
    page = response.content.decode().replace("&#x27;", "'")
    return response.status_code, re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", page)


def test_five_wrong_passwords_lock_the_username_even_against_the_right_one() -> None:
    for _ in range(4):
        status, page = attempt("manager@OSCB", "a wrong guess 123")
        assert status == 400 and LOCKED not in page
    status, page = attempt("manager@OSCB", "a wrong guess 123")
    assert status == 429 and LOCKED in page
    status, page = attempt("manager@OSCB", DEMO_PASSWORD)
    assert status == 429 and LOCKED in page, "the right password must not open a locked account"
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.LOCKED_OUT, actor_username="manager@OSCB"
        ).count()
        == 2
    )
    # Another person is not affected.
    assert attempt("panel_member@OSCB", DEMO_PASSWORD)[0] == 302


def test_a_username_that_does_not_exist_is_locked_with_the_same_message() -> None:
    outcomes = [attempt("nobody@OSCB", "a wrong guess 123") for _ in range(6)]
    real = [attempt("manager@NMSCP", "a wrong guess 123") for _ in range(6)]
    assert [status for status, _ in outcomes] == [status for status, _ in real]
    assert outcomes[-1][1].replace("nobody@OSCB", "X") == real[-1][1].replace("manager@NMSCP", "X")


def test_the_lock_ends_after_fifteen_minutes() -> None:
    for _ in range(5):
        attempt("reviewer@OSCB", "a wrong guess 123")
    assert attempt("reviewer@OSCB", DEMO_PASSWORD)[0] == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert attempt("reviewer@OSCB", DEMO_PASSWORD)[0] == 302


def test_a_service_administrator_sees_failed_sign_ins_and_lockouts(
    client_as: Callable[..., Client],
) -> None:
    for _ in range(5):
        attempt("scrutiny@OSCB", "a wrong guess 123")
    admin = signed_in(User.objects.get(username=SERVICE_ADMIN_USERNAME))
    page = admin.get(reverse("accounts:sign-in-attempts")).content.decode()
    assert page.count("scrutiny@OSCB") == 5
    assert "Locked out after repeated failures" in page
    assert "Failed to sign in" in page
    # Business managers do not see other partnerships' attempts, nor anyone's here.
    assert client_as("manager").get(reverse("accounts:sign-in-attempts")).status_code == 403
