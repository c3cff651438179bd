"""Template helpers for GOV.UK markup, available in every template."""

from __future__ import annotations

import datetime as dt

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from casereview.core.forms import DateInput
from casereview.core.statuses import TAG_COLOURS

register = template.Library()

INPUT_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "password": "govuk-input",
    "number": "govuk-input govuk-input--width-5",
    "url": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
}


@register.filter
def govuk_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return field.widget_type


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """The field's widget with GOV.UK classes and the ids of its hint and error."""
    kind = govuk_kind(field)
    classes = INPUT_CLASSES.get(kind, "govuk-input")
    base = classes.split()[0]
    if field.errors and base in ERROR_CLASSES:
        classes += " " + ERROR_CLASSES[base]
    existing = field.field.widget.attrs.get("class")
    attrs = {"class": f"{classes} {existing}" if existing else classes}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def govuk_first_input_id(field: BoundField) -> str:
    """Where the error summary's link for a field should land."""
    kind = govuk_kind(field)
    if kind == "date":
        return f"{field.auto_id}_0"
    if kind in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.filter
def govuk_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return f"{value.day} {value:%B %Y}, {value:%H:%M}"
    return f"{value.day} {value:%B %Y}"


@register.filter
def govuk_date_parts(field: BoundField) -> list[dict]:
    """The day, month and year boxes of a date field: id, name, label and value of each."""
    widget = field.field.widget
    context = widget.get_context(field.html_name, field.value(), {"id": field.auto_id})
    return [
        {
            "id": part["attrs"]["id"],
            "name": part["name"],
            "label": part["attrs"]["data_label"],
            "value": part["value"] or "",
        }
        for part in context["widget"]["subwidgets"]
    ]


@register.simple_tag
def status_tag(code: str, label: str) -> SafeString:
    """<strong class="govuk-tag govuk-tag--red">Review required</strong>, the colour by code."""
    colour = TAG_COLOURS.get(code)
    classes = f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"
    return format_html('<strong class="{}">{}</strong>', classes, label)


@register.filter
def govuk_first_field_id(form: forms.Form) -> str:
    """Where an error about the whole form should land: its first visible field."""
    visible = form.visible_fields()
    return govuk_first_input_id(visible[0]) if visible else "main-content"


@register.simple_tag
def table_headers(*labels: str) -> SafeString:
    """A table's column headers: <th scope="col" class="govuk-table__header">...</th> each."""
    return format_html_join(
        "", '<th scope="col" class="govuk-table__header">{}</th>', ((label,) for label in labels)
    )
