"""GOV.UK Design System forms through Django's template-based form renderer.

Every form renders its error summary, labels, hints and inline errors the GOV.UK way with
`{{ form }}`; no form needs its own markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

from casereview.core.partialdates import DAY, MONTH, YEAR, PartialDate


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
        if isinstance(value, PartialDate):
            day = value.first_day
            return [
                day.day if value.precision == DAY else None,
                day.month if value.precision != YEAR else None,
                day.year,
            ]
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date from the GOV.UK date input, with messages that say what is missing.

    With `allow_partial`, a blank day means the month is known ("July 2016") and a blank day
    and month means only the year is; the value is then a PartialDate.
    """

    widget = DateInput

    def __init__(self, *, allow_partial: bool = False, **kwargs: Any) -> None:
        self.allow_partial = allow_partial
        fields = tuple(forms.CharField(required=False) for _ in self.widget.parts)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | PartialDate | None:
        parts = [(part or "").strip() for part in (data_list or [])] + ["", "", ""]
        day, month, year = parts[:3]
        if not (day or month or year):
            return None
        name = self.label or "The date"
        if self.allow_partial:
            missing = ["year"] if not year else ["month"] if day and not month else []
        else:
            parts_named = zip(("day", "month", "year"), (day, month, year), strict=True)
            missing = [part_name for part_name, part in parts_named if not part]
        if missing:
            raise forms.ValidationError(f"{name} must include a {' and '.join(missing)}")
        if not all(p.isdigit() for p in (day, month, year) if p):
            raise forms.ValidationError(f"Enter {name.lower()} using numbers, like 27 3 2016")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers, like 2016")
        try:
            if day:
                value = PartialDate(dt.date(int(year), int(month), int(day)), DAY)
            elif month:
                value = PartialDate(dt.date(int(year), int(month), 1), MONTH)
            else:
                value = PartialDate(dt.date(int(year), 1, 1), YEAR)
        except ValueError:
            raise forms.ValidationError(f"{name} must be a real date") from None
        return value if self.allow_partial else value.first_day


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
