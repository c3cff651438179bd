"""List filters: django-filter FilterSets over the querysets `restrict()` gives a person.

Each app's FilterSets are in its `filters.py`. They are built on `RecordFilterSet`, whose form
is a GOV.UK form (labels, hints, the error summary, `govuk-select` and `govuk-input`) and
whose dates are the GOV.UK date input. A filter with mistakes selects nothing: the view shows
the list unfiltered, with the error summary, and answers 400 (see core.views.FilteredListView).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from casereview.core import selectors
from casereview.core.forms import DateField, GovUKForm

END_BEFORE_START = "The end date must be the same as or after the start date"


class FilterForm(GovUKForm):
    """A filter form: GOV.UK markup, and each date range named by its FilterSet runs forwards."""

    date_ranges: tuple[tuple[str, str], ...] = ()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for start_name, end_name in self.date_ranges:
            start, end = data.get(start_name), data.get(end_name)
            if start and end and end < start:
                self.add_error(end_name, END_BEFORE_START)
        return data


class DateFilter(django_filters.Filter):
    """A whole date typed in the GOV.UK date input's three boxes."""

    field_class = DateField


def date_range(field_name: str, label: str) -> tuple[DateFilter, DateFilter]:
    """Two filters on one date, from and to ("Received from", "Received to"); the FilterSet
    names them in its `date_ranges`."""
    return (
        DateFilter(
            field_name=field_name,
            lookup_expr="gte",
            label=f"{label} from",
            help_text="For example, 1 4 2016",
        ),
        DateFilter(
            field_name=field_name,
            lookup_expr="lte",
            label=f"{label} to",
            help_text="For example, 31 3 2017",
        ),
    )


class CheckboxFilter(django_filters.Filter):
    """One checkbox: ticked, the filter applies; not ticked, it does not (a `method` is
    given False, and returns the records as they are)."""

    field_class = forms.BooleanField

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        return super().filter(qs, value) if value else qs


class RecordFilterSet(django_filters.FilterSet):
    """A FilterSet whose form is a GOV.UK `FilterForm`.

    `date_ranges` names the pairs of date filters whose end may not come before their start.
    `chosen()` is what the person asked for, as the audit trail names the page they saw.
    """

    date_ranges: tuple[tuple[str, str], ...] = ()

    class Meta:
        form = FilterForm

    def get_form_class(self) -> type[FilterForm]:
        form_class = super().get_form_class()
        form_class.date_ranges = self.date_ranges
        return form_class

    @property
    def records(self) -> QuerySet:
        """The records the filter selects; when it is empty or has mistakes, those it selects
        with nothing chosen (each filter given no value: most select everything)."""
        if self.is_valid():
            return self.qs
        records = self.queryset.all()
        for filter_ in self.filters.values():
            records = filter_.filter(records, None)
        return records

    def chosen(self) -> dict[str, Any]:
        """The filter's values, field by field, when it has no mistakes; else nothing."""
        return dict(self.form.cleaned_data) if self.is_valid() else {}


def people(request: Any) -> QuerySet[Any]:
    """Whoever has had a role in the person's partnership, by username: the audit trail's
    choice of person."""
    membership = getattr(request, "membership", None)  # a FilterSet made without a request
    if membership is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(memberships__partnership_id=membership.partnership_id)
        .distinct()
        .order_by("username")
        .only("pk", "username")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.username


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class AuditFilter(RecordFilterSet):
    """The audit trail's filter: by person (chosen from the partnership's people, found by
    their account), by record, by day."""

    person = PersonFilter(
        label="Person",
        queryset=people,
        empty_label="Anyone",
        method="by_person",
    )
    record = django_filters.CharFilter(
        label="Record",
        max_length=200,
        help_text="Part of the record's name, or its type and number, like accounts.agency 4",
        method="about_record",
    )
    date_from = DateFilter(label="From", help_text="For example, 27 3 2026", method="from_day")
    date_to = DateFilter(label="To", help_text="For example, 31 3 2026", method="to_day")
    date_ranges = (("date_from", "date_to"),)

    def by_person(self, events: QuerySet, name: str, value: Any) -> QuerySet:
        return selectors.by_person(events, value) if value is not None else events

    def about_record(self, events: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.about_record(events, value)

    def from_day(self, events: QuerySet, name: str, value: dt.date) -> QuerySet:
        return selectors.on_or_after(events, value)

    def to_day(self, events: QuerySet, name: str, value: dt.date) -> QuerySet:
        return selectors.on_or_before(events, value)
