"""The library's search and filter."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from casereview.core.filters import RecordFilterSet
from casereview.library.selectors import matching
from casereview.reviews.choices import ReviewType
from casereview.reviews.models import Review
from casereview.themes.selectors import themes_for

FIRST_YEAR, LAST_YEAR = 1990, 2100


def themes(request: Any) -> QuerySet[Any]:
    return themes_for(request.user)


class LibraryFilter(RecordFilterSet):
    q = django_filters.CharFilter(
        label="Words in their learning",
        method="with_words",
        help_text="Like: fathers escalation. Put words in quotes to find them together",
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=themes, empty_label="Any", method="with_theme"
    )
    type = django_filters.ChoiceFilter(label="Type", choices=ReviewType.choices, empty_label="Any")
    published_from = django_filters.NumberFilter(
        field_name="published__year",
        lookup_expr="gte",
        label="Published from year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    published_to = django_filters.NumberFilter(
        field_name="published__year",
        lookup_expr="lte",
        label="Published to year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )

    # The search entry of each review the words found, by review id (for its snippet).
    entries: dict[int, int] = {}

    def with_words(self, reviews: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if not value.strip():
            return reviews
        self.entries = matching(value)
        return reviews.filter(pk__in=list(self.entries))

    def with_theme(self, reviews: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        # By its code: a partnership's own theme matches another partnership's of that code.
        tagged = Review.themes.through.objects.filter(theme__code=value.code).values("review_id")
        return reviews.filter(pk__in=tagged)
