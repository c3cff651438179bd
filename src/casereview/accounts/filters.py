"""The service administrator's searches: people in every partnership, failed sign-ins."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from casereview.core.filters import RecordFilterSet

SEARCH = {"label": "Name, username or email address", "max_length": 150}


class PeopleSearch(RecordFilterSet):
    q = django_filters.CharFilter(method="search", **SEARCH)

    def search(self, people: QuerySet, name: str, value: str) -> QuerySet:
        return people.filter(
            Q(username__icontains=value) | Q(full_name__icontains=value) | Q(email__icontains=value)
        )


class SignInAttemptSearch(RecordFilterSet):
    q = django_filters.CharFilter(field_name="actor_username", lookup_expr="icontains", **SEARCH)
