"""Parts of a record's page that a higher app adds: the referral page shows the independent
scrutineer's comments on its rapid review and decision, which the scrutiny app keeps.

As home page panels are (core/dashboard.py), each app registers what it adds to a page
(`@section("referral")`); the page asks for its sections with `sections_for(...)` and shows
each where it says. A section is HTML rendered for the person, or None to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString

SectionFunction = Callable[[Any, Any], SafeString | None]  # (user, record)
_SECTIONS: dict[str, list[SectionFunction]] = {}


def section(page: str) -> Callable[[SectionFunction], SectionFunction]:
    """Register a part of `page` ("referral", "review", "document"), given the person and the record."""

    def register(function: SectionFunction) -> SectionFunction:
        _SECTIONS.setdefault(page, []).append(function)
        return function

    return register


def sections_for(page: str, user: Any, record: Any) -> list[SafeString]:
    return [
        shown
        for function in _SECTIONS.get(page, [])
        if (shown := function(user, record)) is not None
    ]
