"""Home page panels: cases awaiting a decision, deadlines, and national panel challenges."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from casereview.accounts.choices import Role
from casereview.core.dashboard import Item, Panel, panel
from casereview.referrals.choices import PanelResponse
from casereview.referrals.frameworkwords import BOARD, Words, words
from casereview.referrals.models import WAITS_FOR_PANEL
from casereview.referrals.selectors import (
    deadline_states,
    due_or_overdue,
    led_by_others,
    referrals_for,
    submissions_for,
)

SHOWN = 20


@panel(Role.MANAGER, Role.PANEL_MEMBER)
def awaiting_decision(user: Any) -> Panel:
    # referrals_for() and submissions_for() give the models' own querysets, though their
    # annotations (being rewritten in issue 11) say QuerySet.
    waiting = referrals_for(user).awaiting_decision().order_by("received", "pk")
    return Panel(
        title="Cases awaiting a decision",
        items=[
            Item(
                text=f"{referral.reference}",
                href=reverse("referrals:referral", args=[referral.pk]),
                hint=f"received {referral.received_partial.display()}, "
                f"{referral.get_assessed_outcome_display().lower()}",
            )
            for referral in waiting[:SHOWN]
        ],
        empty="No case is waiting for a decision. When a case is referred, record it here.",
        action_text="Record a referral",
        action_href=reverse("referrals:referral-add"),
    )


@panel(Role.MANAGER, Role.PANEL_MEMBER)
def deadlines_due(user: Any) -> Panel:
    membership = user.active_membership
    today = timezone.localdate()
    # deadline_states() reads each one's partnership, decision and rapid review.
    referrals = due_or_overdue(referrals_for(user), today, membership.partnership.nation)
    referrals = referrals.select_related("partnership", "decision", "rapid_review")
    items = []
    for referral in referrals.order_by("received", "pk")[:SHOWN]:
        for state in deadline_states(referral, today):
            if state.overdue or state.due_soon:
                items.append(
                    Item(
                        text=f"{referral.reference}: {state.label.lower()} by {state.due.day} {state.due:%B %Y}",
                        href=reverse("referrals:referral", args=[referral.pk]),
                        hint=state.words,
                    )
                )
    return Panel(
        title="Deadlines due within 5 working days or overdue",
        items=items,
        empty="No statutory deadline is due in the next 5 working days, and none is overdue.",
    )


def asks_line(submission: Any, said: Words) -> str:
    """What the Panel asked of the partnership, as a line of the home page."""
    if submission.response == PanelResponse.CONTESTED:
        return said.contested_line
    asks = submission.what_the_panel_asks.rstrip(".")
    return asks[0].lower() + asks[1:]


@panel(Role.MANAGER, Role.PANEL_MEMBER)
def contested_decisions(user: Any) -> Panel | None:
    contested = submissions_for(user).contested_unanswered().order_by("response_date")
    shown = [
        (submission, words(submission.referral.assessed_framework))
        for submission in contested[:SHOWN]
    ]
    items = [
        Item(
            text=f"{submission.referral.reference}: {asks_line(submission, said)}",
            href=reverse("referrals:referral", args=[submission.referral_id]),
            hint="Record the partnership's reply",
        )
        for submission, said in shown
    ]
    if not items:
        return None
    # Each case in the words of its framework; the title in theirs when they all share them.
    if all(submission.response == PanelResponse.CONTESTED for submission, _ in shown):
        titles = {said.contested_title for _, said in shown}
        title = titles.pop() if len(titles) == 1 else BOARD.contested_title
    else:
        panels = {said.panel_short for _, said in shown}
        who = panels.pop() if len(panels) == 1 else BOARD.panel_short
        title = f"{who[0].upper()}{who[1:]} awaits the partnership's reply"
    return Panel(title=title, items=items)


@panel(Role.MANAGER, Role.PANEL_MEMBER)
def cases_others_lead(user: Any) -> Panel | None:
    """Cases that cross boundaries where another area's partnership leads: this partnership
    contributes to its notification and rapid review."""
    led = led_by_others(user)
    if not led:
        return None
    return Panel(
        title="Cases another partnership leads: yours contributes",
        items=[
            Item(
                text=f"{referral.reference}: {leadership.lead.area}'s partnership leads",
                href=reverse("referrals:referral", args=[referral.pk]),
                hint=leadership.partnership_name or "not yet in the service",
            )
            for referral, leadership in led[:SHOWN]
        ],
    )


@panel(Role.NATIONAL_PANEL)
def submissions_awaiting_response(user: Any) -> Panel:
    """New submissions, and those the partnership has replied to since the Panel asked for
    more information or to reconsider: each waits for the Panel."""
    waiting = submissions_for(user).filter(WAITS_FOR_PANEL).order_by("submitted", "pk")
    return Panel(
        title="Submissions awaiting your response",
        items=[
            Item(
                text=f"{submission.referral.reference}, {submission.referral.partnership.name}",
                href=reverse("referrals:submission", args=[submission.pk]),
                hint=(
                    "the partnership has replied"
                    if submission.response != PanelResponse.AWAITING
                    else f"submitted {submission.submitted_partial.display()}"
                ),
            )
            for submission in waiting[:SHOWN]
        ],
        empty="Every submission has a response. New submissions from partnerships appear here.",
        action_text="All submissions",
        action_href=reverse("referrals:submissions"),
    )
