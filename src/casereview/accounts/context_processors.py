from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from casereview.accounts.permissions import role_may
from casereview.accounts.secondfactor import past_second_factor
from casereview.core.navigation import NAVIGATION, SERVICE_ADMINISTRATION, Entry
from casereview.core.tenancy import is_service_admin


class PermissionLookup:
    """In templates: {% if may.add_agencies %} or {% if may.view_audit_trail %}."""

    def __init__(self, role: str | None) -> None:
        self._role = role

    def __getitem__(self, name: str) -> bool:
        action, _, resource = name.partition("_")
        return self._role is not None and role_may(self._role, action, resource.replace("_", " "))


def _navigation(request: HttpRequest, entries: list[Entry]) -> list[dict[str, Any]]:
    # The longest matching prefix is the current section.
    matching = [e for e in entries if request.path.startswith(e.prefix)]
    current = max(matching, key=lambda e: len(e.prefix), default=None)
    return [
        {"text": e.text, "href": reverse(e.url_name, args=e.args), "current": e is current}
        for e in entries
    ]


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
            context["navigation"] = _navigation(request, SERVICE_ADMINISTRATION)
        return context
    entries = [e for e in NAVIGATION if role_may(current.role, e.action, e.resource)]
    return {
        "membership": current,
        "partnership": current.partnership,
        "may": PermissionLookup(current.role),
        "navigation": _navigation(request, entries),
        "membership_choices": getattr(request, "memberships", []),
    }
