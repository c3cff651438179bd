from typing import Any

from django.http import HttpRequest

from casereview.accounts.permissions import role_may


def membership(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "membership", None)

    def may(action: str, resource: str) -> bool:
        return current is not None and role_may(current.role, action, resource)

    return {
        "membership": current,
        "partnership": current.partnership if current else None,
        "may": PermissionLookup(may),
    }


class PermissionLookup:
    """In templates: {% if may.view_agencies %} or {% if may.view_audit_trail %}."""

    def __init__(self, may: Any) -> None:
        self._may = may

    def __getattr__(self, name: str) -> bool:
        action, _, resource = name.partition("_")
        return self._may(action, resource.replace("_", " "))

    def __getitem__(self, name: str) -> bool:
        return self.__getattr__(name)
