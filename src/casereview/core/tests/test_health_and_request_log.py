"""The health check a load balancer asks, the JSON line each request writes, and the session's
idle expiry renewed without a write on every request."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casereview.core.middleware import SESSION_RENEWAL_INTERVAL_SECONDS, SESSION_RENEWED_KEY
from casereview.core.models import AuditEvent


@pytest.mark.django_db
def test_the_health_check_asks_the_database_once_and_answers_ok() -> None:
    audit_rows = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]
    assert AuditEvent.objects.count() == audit_rows


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["reviews.example.org"])
def test_a_probe_over_plain_http_to_the_machines_address_is_answered() -> None:
    response = Client().get("/health/", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_someone_signed_in_with_a_password_only_reaches_the_health_check(
    demo_user: Callable[..., Any],
) -> None:
    client = Client()
    client.force_login(demo_user("manager"))  # no second factor given
    assert client.get("/").status_code == 302
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_the_health_check_answers_503_when_the_database_does_not_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.content == b"the database does not answer\n"


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def request_log() -> Iterator[list[str]]:
    handler = Lines()
    logger = logging.getLogger("casereview.requests")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_each_request_writes_one_json_line_with_its_queries_counted(
    client_as: Callable[..., Client], demo_user: Callable[..., Any], request_log: list[str]
) -> None:
    client = client_as("manager")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:audit"), {"q": "Child A"})
    assert response.status_code == 200
    assert len(request_log) == 1
    line = json.loads(request_log[0])
    assert set(line) == {
        "request_id",
        "user_id",
        "method",
        "path",
        "status",
        "duration_ms",
        "queries",
    }
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == demo_user("manager").pk
    assert (line["method"], line["path"], line["status"]) == ("GET", "/audit/", 200)
    assert line["queries"] == len(queries.captured_queries) > 0
    assert line["duration_ms"] > 0
    assert "Child A" not in request_log[0]


@pytest.mark.django_db
def test_a_request_from_no_one_signed_in_logs_no_user(request_log: list[str]) -> None:
    response = Client().get("/cookies/")
    assert response.status_code == 200
    line = json.loads(request_log[0])
    assert (line["user_id"], line["path"], line["queries"]) == (None, "/cookies/", 0)


def session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


@pytest.mark.django_db
def test_a_session_is_not_written_again_within_a_minute(client_as: Callable[..., Client]) -> None:
    client = client_as("manager")
    client.get("/")  # renews the session just signed in
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
        assert client.get(reverse("accounts:agencies")).status_code == 200
    assert session_writes(queries) == []


@pytest.mark.django_db
def test_a_session_used_after_a_minute_is_renewed_for_thirty_more(
    client_as: Callable[..., Client],
) -> None:
    client = client_as("manager")
    client.get("/")
    session = client.session
    session[SESSION_RENEWED_KEY] -= SESSION_RENEWAL_INTERVAL_SECONDS
    session.save()
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() + dt.timedelta(minutes=2)
    )
    assert client.get("/").status_code == 200
    remaining = (
        Session.objects.get(pk=session.session_key).expire_date - timezone.now()
    ).total_seconds()
    assert 29 * 60 < remaining <= 30 * 60
