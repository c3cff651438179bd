"""The monitoring page's filter and sort."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from casereview.accounts.selectors import agencies_for
from casereview.actionplans.choices import ActionStatus, Rag
from casereview.actionplans.models import ActionQuerySet, AgencyAction
from casereview.actionplans.selectors import ORDERINGS, rated
from casereview.core.filters import RecordFilterSet
from casereview.reviews.selectors import reviews_for

SORTS = [("due", "Due date"), ("agency", "Agency"), ("review", "Review")]


def agencies(request: Any) -> QuerySet[Any]:
    return agencies_for(request.user)


def reviews(request: Any) -> QuerySet[Any]:
    return reviews_for(request.user)


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
    review = django_filters.ModelChoiceFilter(
        field_name="recommendation__review", label="Review", queryset=reviews, empty_label="Any"
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

    def by_rating(self, actions: QuerySet[AgencyAction], name: str, value: str) -> QuerySet:
        return rated(actions, value, timezone.localdate())
