from __future__ import annotations

from typing import Any

from django import forms

from casereview.core.forms import GovUKForm
from casereview.search.choices import Found
from casereview.themes.models import Theme
from casereview.themes.selectors import themes_for

FIRST_YEAR, LAST_YEAR = 1990, 2100


class SearchForm(GovUKForm):
    q = forms.CharField(label="Search", max_length=200, required=False)
    kind = forms.MultipleChoiceField(
        label="Kind of record",
        choices=[(kind.value, kind.label) for kind in Found if kind != Found.PUBLISHED_LEARNING],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    theme = forms.ModelChoiceField(
        label="Theme", queryset=Theme.objects.none(), required=False, empty_label="Any"
    )
    from_year = forms.IntegerField(
        label="From year", required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    to_year = forms.IntegerField(
        label="To year", required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_for(user)  # type: ignore[attr-defined]  # a ModelChoiceField
        for name in ("from_year", "to_year"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "numeric", "class": "govuk-input--width-4"}
            )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        first, last = data.get("from_year"), data.get("to_year")
        if first is not None and last is not None and first > last:
            self.add_error("to_year", "The last year must be the same as or after the first")
        return data
