"""Home page panels for setting up a partnership."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from casereview.accounts.choices import Role
from casereview.accounts.selectors import agencies_for, people_for
from casereview.core.dashboard import WHAT_YOU_CAN_DO, Item, Panel, panel

# What each role does, in a sentence, on the home page.
WHAT_YOU_CAN_DO.update(
    {
        Role.MANAGER: "You run the partnership's case reviews: its agencies, people and records.",
        Role.PANEL_MEMBER: "You consider the cases referred to the subgroup and record its decisions.",
        Role.AGENCY_LEAD: "You lead your agency's actions from case reviews and report their progress.",
        Role.SCRUTINY: (
            "You see the partnership's figures and its published learning, and comment on its "
            "rapid reviews, decisions and review reports."
        ),
        Role.REVIEWER: "You see and work on the reviews you are assigned to.",
        Role.NATIONAL_PANEL: (
            "You see the decisions partnerships submit to the national panel and respond to them."
        ),
    }
)


@panel(Role.MANAGER)
def agencies_to_add(user: Any) -> Panel | None:
    if agencies_for(user).exists():
        return None
    return Panel(
        title="Add your partnership's agencies",
        empty="No agencies are recorded yet. Referrals, reviews and actions name the agencies "
        "involved, so add them first.",
        action_text="Add an agency",
        action_href=reverse("accounts:agency-add"),
    )


@panel(Role.MANAGER)
def people_not_signed_in(user: Any) -> Panel:
    waiting = list(people_for(user).filter(is_active=True, user__last_login__isnull=True)[:20])
    return Panel(
        title="People who have not signed in yet",
        items=[
            Item(
                text=membership.user.display_name,
                href=reverse("accounts:person", args=[membership.pk]),
                hint=membership.get_role_display(),
            )
            for membership in waiting
        ],
        empty="Everyone you have added has signed in. To give someone access, invite them from "
        "the people page.",
        action_text="Invite a person",
        action_href=reverse("accounts:person-add"),
    )
