"""Home page panels for actions: an agency lead's actions that need them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from casereview.accounts.choices import Role
from casereview.actionplans.choices import MonitoringGroup, Rag
from casereview.actionplans.selectors import actions_for, needing_attention, rows_of
from casereview.core.dashboard import Item, Panel, panel

SHOWN = 20
SHORT = 70  # characters of an action's text a home page link shows


def shortened(text: str, limit: int = SHORT) -> str:
    """The text as a link shows it, before a colon: whole if short (without its full stop),
    else cut at a word with an ellipsis."""
    words = " ".join(text.split()).rstrip(".")
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-")
    return f"{cut}…"


@panel(Role.AGENCY_LEAD)
def my_actions_needing_attention(user: Any) -> Panel:
    today = timezone.localdate()
    rows = rows_of(needing_attention(actions_for(user), today)[:SHOWN], today)
    return Panel(
        title="Your agency's actions that are overdue or due soon without an update",
        items=[
            Item(
                text=f"{shortened(row.action.text)}: due {row.action.due_partial}",
                href=reverse("actionplans:action", args=[row.action.pk]),
                hint=f"{row.action.recommendation.source_title}, recommendation "
                f"{row.action.recommendation.number}. "
                + ("Overdue" if row.rag == Rag.RED else "Due within 30 days, no update in 30 days"),
            )
            for row in rows
        ],
        empty="None of your agency's actions is overdue or due soon without an update.",
        action_text="All your agency's actions",
        action_href=reverse("actionplans:my-actions"),
    )


@panel(Role.MANAGER, Role.PANEL_MEMBER)
def overdue_actions(user: Any) -> Panel | None:
    # actions_for() gives an ActionQuerySet, though its annotation (being rewritten in
    # issue 11) says QuerySet.
    overdue = actions_for(user).open().filter(due__lt=timezone.localdate())
    count = overdue.count()
    if not count:
        return None
    return Panel(
        title="Overdue actions",
        items=[
            Item(
                text=f"{count} action{'s are' if count != 1 else ' is'} overdue",
                href=reverse("actionplans:monitoring", args=[MonitoringGroup.EXECUTIVE])
                + f"?rag={Rag.RED}",
            )
        ],
    )
