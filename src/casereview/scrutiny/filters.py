"""The scrutiny comments' filter: awaiting a response, or responded."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from casereview.core.filters import RecordFilterSet
from casereview.scrutiny.choices import ScrutinyStatus
from casereview.scrutiny.models import ScrutinyComment
from casereview.scrutiny.selectors import with_status


class CommentFilter(RecordFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=ScrutinyStatus.choices, empty_label="Any", method="by_status"
    )

    def by_status(
        self, comments: QuerySet[ScrutinyComment], name: str, value: str
    ) -> QuerySet[ScrutinyComment]:
        return with_status(comments, value) if value else comments
