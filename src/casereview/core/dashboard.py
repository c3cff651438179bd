"""The home page: what needs each person's attention, by role.

Each app registers the panels its records need (`@panel(Role.MANAGER, ...)`); a panel returns
the items that need attention and says what to do when there are none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Item:
    text: str
    href: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    items: list[Item] = field(default_factory=list)
    empty: str = ""
    action_text: str = ""
    action_href: str = ""


PanelFunction = Callable[[Any], Panel | None]
_PANELS: list[tuple[frozenset[str], PanelFunction]] = []

# What each role does, in a sentence, by role: accounts, which holds the roles, fills it in
# (accounts/dashboard.py).
WHAT_YOU_CAN_DO: dict[str, str] = {}


def panel(*roles: str) -> Callable[[PanelFunction], PanelFunction]:
    def register(function: PanelFunction) -> PanelFunction:
        _PANELS.append((frozenset(roles), function))
        return function

    return register


def panels_for(user: Any) -> list[Panel]:
    membership = getattr(user, "active_membership", None)
    if membership is None:
        return []
    result = []
    for roles, function in _PANELS:
        if membership.role in roles and (built := function(user)) is not None:
            result.append(built)
    return result
