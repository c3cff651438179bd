"""Home page panels for scrutiny: the comments the partnership has yet to answer."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from casereview.accounts.choices import Role
from casereview.core.dashboard import Item, Panel, panel
from casereview.scrutiny.choices import ScrutinyStatus
from casereview.scrutiny.selectors import awaiting_response

SHOWN = 20


@panel(Role.SCRUTINY)
def comments_awaiting_a_response(user: Any) -> Panel | None:
    """How many of the scrutineer's comments the partnership has not answered yet."""
    count = awaiting_response(user).count()
    if not count:
        return None
    return Panel(
        title="Your comments awaiting the partnership's response",
        items=[
            Item(
                text=f"{count} comment{'s are' if count != 1 else ' is'} awaiting a response",
                href=reverse("scrutiny:comments") + f"?status={ScrutinyStatus.AWAITING}",
            )
        ],
        action_text="Comment on a rapid review, decision or review",
        action_href=reverse("scrutiny:open"),
    )


@panel(Role.MANAGER)
def comments_to_respond_to(user: Any) -> Panel | None:
    """The comments the partnership has not answered, oldest first."""
    waiting = list(awaiting_response(user)[:SHOWN])
    if not waiting:
        return None
    return Panel(
        title="Scrutiny comments awaiting your response",
        items=[
            Item(
                text=f"On {comment.on_words}",
                href=reverse("scrutiny:respond", args=[comment.pk]),
                hint=f"Made {comment.date.day} {comment.date:%B %Y}",
            )
            for comment in waiting
        ],
        action_text="All scrutiny comments",
        action_href=reverse("scrutiny:comments"),
    )
