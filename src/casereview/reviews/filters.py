"""The review register's filter."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from casereview.core.filters import CheckboxFilter, RecordFilterSet, date_range
from casereview.reviews.choices import Methodology, ReviewStatus, ReviewType
from casereview.reviews.models import ReviewQuerySet
from casereview.reviews.selectors import past_complete_by
from casereview.themes.selectors import themes_for


def themes(request: Any) -> QuerySet[Any]:
    return themes_for(request.user)


class ReviewFilter(RecordFilterSet):
    type = django_filters.ChoiceFilter(label="Type", choices=ReviewType.choices, empty_label="Any")
    methodology = django_filters.ChoiceFilter(
        label="Methodology", choices=Methodology.choices, empty_label="Any"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ReviewStatus.choices, empty_label="Any"
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", label="Theme", queryset=themes, empty_label="Any"
    )
    commissioned_from, commissioned_to = date_range("commissioned", "Commissioned")
    overdue = CheckboxFilter(label="Only reviews past six months", method="past_six_months")

    def past_six_months(self, reviews: ReviewQuerySet, name: str, value: bool) -> QuerySet:
        return past_complete_by(reviews, timezone.localdate()) if value else reviews
