"""The referral register's filter."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from casereview.accounts.selectors import agencies_for
from casereview.core.filters import RecordFilterSet, date_range
from casereview.referrals.choices import DecisionOutcome, Framework, Outcome
from casereview.referrals.models import Referral, ReferralQuerySet
from casereview.referrals.selectors import due_or_overdue, overdue

PENDING = "pending"
DECISIONS = [(PENDING, "Awaiting a decision"), *DecisionOutcome.choices]
OVERDUE, DUE = "overdue", "due"
DEADLINES = [(OVERDUE, "Overdue"), (DUE, "Due within 5 working days or overdue")]


def agencies(request: Any) -> QuerySet[Any]:
    return agencies_for(request.user)


class ReferralFilter(RecordFilterSet):
    received_from, received_to = date_range("received", "Received")
    referred_by = django_filters.ModelChoiceFilter(
        label="Referred by", queryset=agencies, empty_label="Any"
    )
    framework = django_filters.ChoiceFilter(
        field_name="assessed_framework",
        label="Guidance",
        choices=Framework.choices,
        empty_label="Any",
    )
    outcome = django_filters.ChoiceFilter(
        field_name="assessed_outcome",
        label="What the guidance requires",
        choices=Outcome.choices,
        empty_label="Any",
    )
    decision = django_filters.ChoiceFilter(
        label="Decision", choices=DECISIONS, empty_label="Any", method="by_decision"
    )
    due = django_filters.ChoiceFilter(
        label="Deadlines", choices=DEADLINES, empty_label="Any", method="by_deadline"
    )
    date_ranges = (("received_from", "received_to"),)

    def by_decision(self, referrals: ReferralQuerySet, name: str, value: str) -> QuerySet:
        if value == PENDING:
            return referrals.awaiting_decision()
        return referrals.filter(decision__outcome=value)

    def by_deadline(self, referrals: QuerySet[Referral], name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        if value == OVERDUE:
            return overdue(referrals, today)
        nation = self.request.user.active_membership.partnership.nation
        return due_or_overdue(referrals, today, nation)
