"""Settings from the environment, the refusal to start insecurely, and the security headers."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview import settings as configured_settings
from casereview.accounts.models import User
from casereview.core.environment import secret_key_problem
from casereview.testing.commands import casereview_process

STRONG_KEY = "k3J9vQ2xL7mN4pR8sT1wY6zB5cD0fG2hJ4kL6nP8qS0uW2yA4c"  # 50 characters


def run_casereview(*args: str, **env: str) -> subprocess.CompletedProcess:
    ours = {"SECRET_KEY", "DEBUG", "HTTPS", "ALLOWED_HOSTS", "AUDIT_KEY"}
    environment = {k: v for k, v in os.environ.items() if k not in ours}
    environment.update(env)
    return casereview_process(*args, env=environment)


def test_without_debug_the_service_refuses_to_start_without_a_secret_key() -> None:
    result = run_casereview("check", DEBUG="0")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "casereview: refusing to start with DEBUG off: SECRET_KEY is not set "
        "(give it 50 or more random characters)"
    ]


STRONG_AUDIT_KEY = "aK7pQ2wE9rT4yU1iO8pA5sD3fG6hJ0kL"  # 32 characters


@pytest.mark.parametrize(
    ("audit_key", "problem"),
    [
        (
            "",
            "AUDIT_KEY is not set (give it 32 or more random characters, kept out of the database)",
        ),
        ("short-key", "AUDIT_KEY has 9 characters; it needs at least 32"),
        (STRONG_KEY, "AUDIT_KEY must differ from SECRET_KEY, so that either can be replaced alone"),
    ],
)
def test_without_debug_the_service_refuses_to_start_without_a_strong_audit_key(
    audit_key: str, problem: str
) -> None:
    result = run_casereview("check", DEBUG="0", SECRET_KEY=STRONG_KEY, AUDIT_KEY=audit_key)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"casereview: refusing to start with DEBUG off: {problem}"
    ]


def test_without_debug_a_short_secret_key_is_refused_in_one_line() -> None:
    result = run_casereview("check", DEBUG="0", SECRET_KEY="too-short")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "casereview: refusing to start with DEBUG off: SECRET_KEY has 9 characters; "
        "it needs at least 50"
    ]


def test_the_deployment_check_is_clean() -> None:
    assert len(STRONG_KEY) == 50
    result = run_casereview(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=STRONG_KEY,
        AUDIT_KEY=STRONG_AUDIT_KEY,
        ALLOWED_HOSTS="reviews.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "is not set"),
        ("django-insecure-" + "a1b2c3d4e5" * 5, "insecure placeholder"),
        ("x" * 60, "too few characters"),
        (STRONG_KEY, None),
    ],
)
def test_what_makes_a_secret_key_strong(key: str, problem: str | None) -> None:
    found = secret_key_problem(key)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_argon2_hashes_passwords_and_twelve_characters_is_the_minimum(db: None) -> None:
    assert (
        configured_settings.PASSWORD_HASHERS[0]
        == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    user = User.objects.get(username="manager@OSCB")
    assert user.password.startswith("argon2")
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("eleven-char", user)
    validate_password("twelve-chars-ok", user)


@pytest.mark.django_db
def test_security_headers_on_every_page(client_as: Callable) -> None:
    for response in (Client().get(reverse("accounts:sign-in")), client_as("manager").get("/")):
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_signed_in_pages_are_never_cached(client_as: Callable) -> None:
    client = client_as("manager")
    for url in ("/", reverse("accounts:agencies"), reverse("core:audit")):
        assert client.get(url)["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_session_ends_after_thirty_idle_minutes(client_as: Callable) -> None:
    client = client_as("manager")
    assert client.get("/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < remaining <= 30 * 60  # renewed by each request
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now())
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_no_template_holds_inline_script_or_style() -> None:
    """The Content-Security-Policy would block them, so none may exist."""
    root = Path(settings.BASE_DIR)
    offenders = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template.relative_to(root)}: {match.group(0)}")
        offenders += [
            f"{template.relative_to(root)}: style=" for _ in re.findall(r"\sstyle=", text)
        ]
        offenders += [
            f"{template.relative_to(root)}: on*=" for _ in re.findall(r"\son[a-z]+=", text)
        ]
    assert not offenders, offenders
