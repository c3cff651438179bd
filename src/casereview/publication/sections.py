"""What a review's page and a document's page show before publication (core/sections.py):
where the identifying-details check of each document's newest version stands, and the themes
suggested from the text."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from casereview.core.sections import section
from casereview.core.tenancy import user_may
from casereview.publication.choices import SuggestionDecision
from casereview.publication.selectors import newest_versions, versions_checked


@section("review")
def before_publication(user: Any, review: Any) -> SafeString | None:
    return render_to_string(
        "publication/_review_section.html",
        {
            "review": review,
            "versions": newest_versions(review),
            "suggested": review.theme_suggestions.filter(
                decision=SuggestionDecision.SUGGESTED
            ).count(),
            "may_change": user_may(user, "change", "reviews"),
        },
    )


@section("document")
def identifying_details(user: Any, document: Any) -> SafeString | None:
    versions = versions_checked(document)
    if not versions:
        return None
    return render_to_string(
        "publication/_document_section.html",
        {"document": document, "versions": versions},
    )
