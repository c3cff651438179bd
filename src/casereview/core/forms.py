"""GOV.UK Design System forms through Django's template-based form renderer.

Every form renders its error summary, labels, hints and inline errors the GOV.UK way with
`{{ form }}`; no form needs its own markup.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db import connections, models
from django.db.models import QuerySet
from django.forms.renderers import TemplatesSetting
from django.utils.datastructures import MultiValueDict

from casereview.core.choices import DatePrecision
from casereview.core.controlchars import control_character_problem, normalise_line_breaks
from casereview.core.partialdates import PartialDate
from casereview.core.widgethtml import written_in_python

ASCII_NUMBER = re.compile(r"[0-9]+")
INTEGER = re.compile(r"[+-]?[0-9]{1,4000}")  # Python reads at most 4,300 digits as an int


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        # A field's form group, or a widget, written in Python where it can be (fieldhtml
        # reads the govuk template tags, which import this module: imported when first used).
        from casereview.core import fieldhtml

        written = fieldhtml.written_in_python(template_name, context) or written_in_python(
            template_name, context
        )
        if written is not None:
            return written
        return super().render(template_name, context, request)


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
                day.day if value.precision == DatePrecision.DAY else None,
                day.month if value.precision != DatePrecision.YEAR else None,
                day.year,
            ]
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date from the GOV.UK date input, with messages that say what is missing.

    With `allow_partial`, a blank day means the month is known ("July 2016") and a blank day
    and month means only the year is; the value is then a PartialDate. Years run from
    `first_year` to `last_year`: every date the service records (a referral, an incident, a
    review, an action's due date) falls well within them.
    """

    widget = DateInput
    first_year, last_year = 1900, 2100

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
        # Only 0 to 9: str.isdigit() also accepts "²" and "٣", which int() refuses or reads.
        if not all(ASCII_NUMBER.fullmatch(p) for p in (day, month, year) if p):
            raise forms.ValidationError(f"Enter {name.lower()} using numbers, like 27 3 2016")
        if day and not _within(day, 1, 31):
            raise forms.ValidationError("Enter the day using numbers 1 to 31")
        if month and not _within(month, 1, 12):
            raise forms.ValidationError("Enter the month using numbers 1 to 12")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers, like 2016")
        if not _within(year, self.first_year, self.last_year):
            raise forms.ValidationError(f"Year must be from {self.first_year} to {self.last_year}")
        try:
            if day:
                value = PartialDate(dt.date(int(year), int(month), int(day)), DatePrecision.DAY)
            elif month:
                value = PartialDate(dt.date(int(year), int(month), 1), DatePrecision.MONTH)
            else:
                value = PartialDate(dt.date(int(year), 1, 1), DatePrecision.YEAR)
        except ValueError:
            raise forms.ValidationError(f"{name} must be a real date") from None
        return value if self.allow_partial else value.first_day


PARTIAL_HINT = (
    "For example, 27 3 2016. If you know only the month or year, leave the day (and month) blank."
)
SUMMARY_HINT = "Short and non-identifying: no names, addresses, schools or dates of birth."


def partial_date(label: str, *, required: bool = False) -> DateField:
    """A date that may be known only to the month or the year (a PartialDate)."""
    # Whether the date may be in the past or must follow another is the services' to say
    # (referrals/rules.py), so a form and an import are told the same.
    return DateField(label=label, required=required, allow_partial=True, help_text=PARTIAL_HINT)


def radios(label: str, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    """A choice shown as GOV.UK radios."""
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


def parse_id(text: str) -> int | None:
    """The record id `text` names: digits 0 to 9 only, few enough for the database; else None.

    Not `text.isdigit()`: it accepts "²", which int() refuses.
    """
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None


def _within(number: str, low: int, high: int) -> bool:
    """Whether the digits name a number from low to high, without reading a huge one."""
    digits = number.lstrip("0") or "0"
    return len(digits) <= len(str(high)) and low <= int(digits) <= high


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id beyond the database's integer range is not a valid choice.

    Django checks each id with `pk=` (which copes with any integer) and then fetches them
    all with `pk__in=`, which SQLite's driver refuses with an OverflowError beyond 64 bits.
    """

    def _check_values(self, value: Any) -> Any:
        key = self.to_field_name or "pk"
        queryset = self.queryset
        if queryset is None:  # no records offered: Django's check refuses every value
            return super()._check_values(value)  # type: ignore[misc]  # Django's, not in django-stubs
        meta = queryset.model._meta
        model_field = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(model_field, models.IntegerField) and isinstance(value, list | tuple):
            operations = connections[queryset.db].ops
            low, high = operations.integer_field_range(model_field.get_internal_type())
            for item in value:
                text = str(item).strip()
                number = int(text) if INTEGER.fullmatch(text) else None
                if number is not None and not low <= number <= high:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)  # type: ignore[misc]  # Django's, not in django-stubs


class RefusesControlCharacters(forms.BaseForm):
    """Text in every field: line breaks as newlines, and no other control characters.

    Browsers send a textarea's line breaks as CR LF: they become LF before any field or
    `clean_<field>()` reads them, so that what is checked is what is stored. Any other C0
    control character (tab and newline aside) is refused on its field, before the form's own
    `clean()` sees the value. Passwords are left as typed: they are only compared and hashed,
    never shown or written to a file, and changing one would lock its owner out.
    """

    def full_clean(self) -> None:
        if self.is_bound:
            self.data = self._line_breaks_normalised(self.data)
        super().full_clean()

    def _line_breaks_normalised(self, data: Any) -> Any:
        passwords = set(self._passwords())
        if isinstance(data, MultiValueDict):  # a QueryDict, as a request's data is
            normalised = data.copy()
            for key, values in data.lists():
                if key not in passwords:
                    normalised.setlist(key, [_normalised(value) for value in values])
            return normalised
        return {
            key: value if key in passwords else _normalised(value) for key, value in data.items()
        }

    def _passwords(self) -> list[str]:
        fields = self.fields.items()
        return [name for name, field in fields if isinstance(field.widget, forms.PasswordInput)]

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]  # Django's, not in django-stubs
        passwords = self._passwords()
        for name, value in list(self.cleaned_data.items()):
            problem = isinstance(value, str) and control_character_problem(value)
            if problem and name not in passwords:
                self.add_error(name, problem)


def _normalised(value: Any) -> Any:
    if isinstance(value, str):
        return normalise_line_breaks(value)
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return value


class OffersRecords(forms.BaseForm):
    def offer(self, name: str, records: QuerySet[Any]) -> None:
        """The records the choice field `name` offers, known once the form is made for
        someone (its queryset): a field declared with `queryset=None`."""
        field = self.fields[name]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{name} is not a field that offers records")
        field.queryset = records


class MayShowAStaleEdit(forms.BaseForm):
    # What a refused save shows (core.concurrency sets it); None until then. There to be
    # found: a template's lookup of a missing attribute costs a dir() of the whole form.
    stale_edit: Any = None


class GovUKForm(RefusesControlCharacters, OffersRecords, MayShowAStaleEdit, forms.Form):
    """Base for every form: invalid forms answer 400 (see core.views.FormPageMixin)."""


class GovUKModelForm(RefusesControlCharacters, OffersRecords, MayShowAStaleEdit, forms.ModelForm):
    pass
