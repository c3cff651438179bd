from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from casereview.core.forms import (
    DateField,
    GovUKForm,
    ModelMultipleChoiceField,
    partial_date,
    radios,
)
from casereview.themes.choices import ThemeGroup


class PeriodForm(GovUKForm):
    date_from = DateField(label="From", help_text="For example, 1 1 2016")
    date_to = DateField(label="To", help_text="For example, 31 1 2017")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_from"].error_messages["required"] = "Enter the start of the period"
        self.fields["date_to"].error_messages["required"] = "Enter the end of the period"

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the period must be on or after its start")
        return data

    @staticmethod
    def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
        """The last complete UK financial year (1 April to 31 March)."""
        end_year = today.year if today.month >= 4 else today.year - 1
        return dt.date(end_year - 1, 4, 1), dt.date(end_year, 3, 31)


class ThemeForm(GovUKForm):
    code = forms.CharField(
        label="Code",
        max_length=50,
        help_text="Lower-case letters, digits and underscores, like county_lines. It cannot be changed later.",
    )
    group = radios("Group", ThemeGroup.choices)
    label = forms.CharField(label="Label", max_length=100)
    covers = forms.CharField(label="What it covers", max_length=300, required=False)


class LearningEventForm(GovUKForm):
    title = forms.CharField(label="Title", max_length=300)
    date = partial_date("Date of the event", required=True)
    themes = ModelMultipleChoiceField(
        label="Themes", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    reviews = ModelMultipleChoiceField(
        label="Reviews it drew on",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, themes: Any, reviews: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("themes", themes)
        self.offer("reviews", reviews)
        self.agencies = list(agencies)
        for agency in self.agencies:
            self.fields[f"attended_{agency.pk}"] = forms.IntegerField(
                label=f"Attended from {agency.name}", required=False, min_value=0, max_value=10000
            )
        self.fields["title"].error_messages["required"] = "Enter the event's title"
        self.fields["date"].error_messages["required"] = "Enter the date of the event"

    def attendance_by_agency(self) -> dict[Any, int]:
        return {
            agency: self.cleaned_data[f"attended_{agency.pk}"]
            for agency in self.agencies
            if self.cleaned_data.get(f"attended_{agency.pk}")
        }
