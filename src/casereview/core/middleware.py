from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from casereview.core.audit import current_request_id, new_request_id

Handler = Callable[[HttpRequest], HttpResponse]


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
