"""GOV.UK Design System forms through Django's template-based form renderer.

Every form renders its error summary, labels, hints and inline errors the GOV.UK way with
`{{ form }}`; no form needs its own markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year in three boxes."""

    template_name = "django/forms/widgets/multiwidget.html"
    parts = ("Day", "Month", "Year")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = [forms.TextInput(attrs={"data_label": label}) for label in self.parts]
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A full date from the GOV.UK date input, with messages that say what is missing."""

    widget = DateInput

    def __init__(self, *, max_today: bool = False, **kwargs: Any) -> None:
        self.max_today = max_today
        fields = tuple(forms.CharField(required=False) for _ in self.widget.parts)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(part.strip() for part in data_list if part):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        label = (self.label or "the date").lower()
        missing = [
            name
            for name, part in zip(("day", "month", "year"), (day, month, year), strict=True)
            if not part
        ]
        if missing:
            raise forms.ValidationError(
                f"{self.label or 'The date'} must include a {' and '.join(missing)}"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"Enter {label} using numbers, like 27 3 2016")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers, like 2016")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label or 'The date'} must be a real date") from None
        if self.max_today and value > dt.date.today():
            raise forms.ValidationError(f"{self.label or 'The date'} must be today or in the past")
        return value


class GovUKForm(forms.Form):
    """Base for every form: invalid forms answer 400 (see core.views.FormPageMixin)."""


class GovUKModelForm(forms.ModelForm):
    pass


class AuditFilterForm(GovUKForm):
    person = forms.CharField(
        label="Person",
        required=False,
        max_length=150,
        help_text="Their username, like manager@OSCB",
    )
    record = forms.CharField(
        label="Record",
        required=False,
        max_length=200,
        help_text="Part of the record's name, or its type and number, like accounts.agency 4",
    )
    date_from = DateField(label="From", required=False, help_text="For example, 27 3 2026")
    date_to = DateField(label="To", required=False, help_text="For example, 31 3 2026")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data
