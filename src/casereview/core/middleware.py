import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from casereview.core.audit import current_request_id, new_request_id

Handler = Callable[[HttpRequest], HttpResponse]

logger = logging.getLogger(__name__)
request_log = logging.getLogger("casereview.requests")


class RequestWithId(HttpRequest):
    """A request as RequestIdMiddleware leaves it."""

    request_id: str


class RequestIdMiddleware:
    """Gives each request an id that the audit rows it writes share."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: RequestWithId) -> HttpResponse:
        request.request_id = new_request_id()
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every page; no caching of anything a signed-in user sees."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


HEALTH_PATH = "/health/"


class HealthCheckMiddleware:
    """Answers `/health/` before anything else runs: for a load balancer or an orchestrator.

    It sits above the session, sign-in, second factor, membership and audit, so it reads no
    record, writes nothing and is never audited; above SecurityMiddleware and the host check
    too, so a probe over plain HTTP to the machine's address is answered, not redirected.
    One query shows the database answers: 200 "ok", or 503.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as error:
            logger.warning("Health check: the database does not answer: %s", error)
            answer = HttpResponse("the database does not answer\n", status=503)
        else:
            answer = HttpResponse("ok\n")
        answer["Content-Type"] = "text/plain; charset=utf-8"
        answer["Cache-Control"] = "no-store"
        answer["X-Content-Type-Options"] = "nosniff"
        return answer


class QueryCounter:
    """Counts the statements a connection runs, through `connection.execute_wrapper`."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    """One JSON line per request on the `casereview.requests` logger.

    The path is logged without its query string: a search may hold a child's pseudonym.
    The duration is until the response is handed back (a streamed download's body goes after).
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        queries = QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(queries):
            response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        request_log.info(
            json.dumps(
                {
                    "request_id": getattr(request, "request_id", None),
                    "user_id": signed_in_user_id(request),
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(duration_ms, 1),
                    "queries": queries.count,
                }
            )
        )
        return response


def signed_in_user_id(request: HttpRequest) -> int | None:
    """The signed-in person's id, if the request has already looked them up: asking for
    `request.user` here would cost queries on the pages that never needed it."""
    user = request.__dict__.get("user")
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


# Django's sessions with SESSION_SAVE_EVERY_REQUEST write the session row on every request to
# move its expiry on; renewing it once a minute keeps the idle expiry within a minute of
# SESSION_COOKIE_AGE (29 to 30 minutes) and spares a write on nearly every request.
SESSION_RENEWED_KEY = "_renewed_at"
SESSION_RENEWAL_INTERVAL_SECONDS = 60


class IdleExpirySessionMiddleware(SessionMiddleware):
    """Django's SessionMiddleware, whose sessions are renewed at most once a minute."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - session.get(SESSION_RENEWED_KEY, 0) >= SESSION_RENEWAL_INTERVAL_SECONDS:
                session[SESSION_RENEWED_KEY] = now
        return super().process_response(request, response)
