"""What a review's page shows of the library (core/sections.py): the published reviews like
it, loaded in place when the person opens the section (so the review's own page costs nothing
more, and nothing is asked for that nobody reads); and, once it is published, a link to it in
the library."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from casereview.core.sections import section
from casereview.core.tenancy import user_may
from casereview.reviews.choices import ReviewStatus


@section("review")
def reviews_like_this_one(user: Any, review: Any) -> SafeString | None:
    if not user_may(user, "view", "published learning"):
        return None
    return render_to_string(
        "library/_section.html",
        {"review": review, "published": review.status == ReviewStatus.PUBLISHED},
    )
