import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

from casereview.accounts.choices import Role
from casereview.accounts.permissions import role_may
from casereview.accounts.secondfactor import past_second_factor
from casereview.core.navigation import (
    NAVIGATION,
    SERVICE_ADMINISTRATION,
    Entry,
    current_entry,
    sections,
)
from casereview.core.tenancy import is_service_admin


class PermissionLookup:
    """In templates: {% if may.add_agencies %} or {% if may.view_audit_trail %}."""

    def __init__(self, role: str | None) -> None:
        self._role = role

    def __getitem__(self, name: str) -> bool:
        action, _, resource = name.partition("_")
        return self._role is not None and role_may(self._role, action, resource.replace("_", " "))


def _navigation(request: HttpRequest, entries: list[Entry]) -> dict[str, Any]:
    """Every entry the person may see (`navigation`), and the bar that shows them
    (`navigation_sections`: sections, and the current section's entries under it)."""
    current = current_entry(entries, request.path)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    hrefs = {e: _href(e.url_name, e.args, get_script_prefix(), urlconf) for e in entries}
    bar = sections(entries, hrefs, current)
    return {
        "navigation": [
            {"text": e.text, "href": hrefs[e], "current": e is current} for e in entries
        ],
        "navigation_sections": [section.as_dict() for section in bar],
        "navigation_current_section": next(
            (section.as_dict() for section in bar if section.current and section.links), None
        ),
    }


@functools.lru_cache(maxsize=256)
def _href(url_name: str, args: tuple[str, ...], script_prefix: str, urlconf: str) -> str:
    """An entry's link, worked out once: the same for every request under this prefix and
    URLconf (reversing the navigation's 14 links was half the cost of this processor)."""
    return reverse(url_name, args=args, urlconf=urlconf)


def _feedback_to(role: str) -> str:
    """Whom the beta banner asks the person to tell what would make the service better: not
    the business manager, when it is they who read it."""
    if role == Role.MANAGER:
        return "the team that runs this service"
    return "your partnership business manager"


def membership(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and not past_second_factor(user):
        # Signed in with a password only: nothing to offer but the second factor's pages.
        return {"membership": None, "partnership": None, "may": PermissionLookup(None)}
    current = getattr(request, "membership", None)
    if current is None:
        context: dict[str, Any] = {
            "membership": None,
            "partnership": None,
            "may": PermissionLookup(None),
        }
        if is_service_admin(getattr(request, "user", None)):
            context.update(_navigation(request, SERVICE_ADMINISTRATION))
        return context
    entries = [
        e
        for e in NAVIGATION
        if role_may(current.role, e.action, e.resource)
        and (current.agency_id is not None or not e.needs_agency)
    ]
    return {
        "membership": current,
        "partnership": current.partnership,
        "may": PermissionLookup(current.role),
        **_navigation(request, entries),
        "membership_choices": getattr(request, "memberships", []),
        "feedback_to": _feedback_to(current.role),
    }
