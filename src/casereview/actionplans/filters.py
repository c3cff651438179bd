"""The monitoring page's filter and sort."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from casereview.accounts.selectors import agencies_for
from casereview.actionplans.choices import ActionStatus, Rag
from casereview.actionplans.models import ActionQuerySet, AgencyAction
from casereview.actionplans.selectors import ORDERINGS, rated
from casereview.core.filters import RecordFilterSet

SORTS = [("due", "Due date"), ("agency", "Agency"), ("review", "Review")]


def agencies(request: Any) -> QuerySet[Any]:
    return agencies_for(request.user)


class StatusFilter(django_filters.ChoiceFilter):
    """The actions of the status chosen; with none chosen, the open ones."""

    def filter(self, qs: ActionQuerySet, value: Any) -> ActionQuerySet:
        return qs.filter(status=value) if value else qs.open()


class SortFilter(django_filters.ChoiceFilter):
    """The order chosen; with none chosen, the first."""

    def filter(self, qs: QuerySet[AgencyAction], value: Any) -> QuerySet[AgencyAction]:
        return qs.order_by(*ORDERINGS[value or SORTS[0][0]])


class MonitoringFilter(RecordFilterSet):
    agency = django_filters.ModelChoiceFilter(
        field_name="owner_agency", label="Agency", queryset=agencies, empty_label="Any"
    )
    # Typed, not chosen from a list: a partnership's list of reviews runs to hundreds.
    review = django_filters.CharFilter(
        label="Review",
        max_length=200,
        help_text="Its reference, or a word of its title",
        method="of_review",
    )
    status = StatusFilter(
        label="Status",
        choices=ActionStatus.choices,
        empty_label="Open (not started or in progress)",
    )
    rag = django_filters.ChoiceFilter(
        label="Rating", choices=Rag.choices, empty_label="Any", method="by_rating"
    )
    sort = SortFilter(label="Sort by", choices=SORTS, empty_label=None)

    def of_review(self, actions: QuerySet[AgencyAction], name: str, value: str) -> QuerySet:
        """The actions on the recommendations of the reviews whose reference is the words
        typed, or whose title holds them: local reviews, and national ones by their title."""
        words = value.strip()
        return actions.filter(
            Q(recommendation__review__reference__iexact=words)
            | Q(recommendation__review__title__icontains=words)
            | Q(recommendation__national_review__title__icontains=words)
        )

    def by_rating(self, actions: QuerySet[AgencyAction], name: str, value: str) -> QuerySet:
        return rated(actions, value, timezone.localdate())
