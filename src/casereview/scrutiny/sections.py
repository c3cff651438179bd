"""What the referral and review pages show of the scrutiny of their records
(core/sections.py): the scrutineer's comments and the partnership's responses, to those who
may see them."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from casereview.core.sections import section
from casereview.core.tenancy import user_may
from casereview.scrutiny.models import RESOURCE, is_open_to_comment
from casereview.scrutiny.selectors import comments_on


def _shown(user: Any, records: list[tuple[str, Any, str]]) -> SafeString | None:
    """The comments on each (what it is, record, its scrutiny page) for someone who may see
    them."""
    if not user_may(user, "view", RESOURCE):
        return None
    parts = [
        {
            "name": name,
            "comments": comments_on(user, record),
            "comment_url": url if is_open_to_comment(record) else "",
        }
        for name, record, url in records
        if record is not None
    ]
    if not any(part["comments"] or part["comment_url"] for part in parts):
        return None
    return render_to_string(
        "scrutiny/_section.html",
        {
            "parts": parts,
            "may_add": user_may(user, "add", RESOURCE),
            "may_respond": user_may(user, "respond to", RESOURCE),
        },
    )


@section("referral")
def referral_scrutiny(user: Any, referral: Any) -> SafeString | None:
    rapid_review = getattr(referral, "rapid_review", None)
    decision = getattr(referral, "decision", None)
    return _shown(
        user,
        [
            (
                "the rapid review",
                rapid_review,
                reverse("scrutiny:rapid-review", args=[rapid_review.pk]) if rapid_review else "",
            ),
            (
                "the decision",
                decision,
                reverse("scrutiny:decision", args=[decision.pk]) if decision else "",
            ),
        ],
    )


@section("review")
def review_scrutiny(user: Any, review: Any) -> SafeString | None:
    return _shown(
        user, [("the review's report", review, reverse("scrutiny:review", args=[review.pk]))]
    )
