"""Template helpers for GOV.UK markup, available in every template."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.core.exceptions import FieldDoesNotExist
from django.forms.boundfield import BoundField, BoundWidget
from django.template.base import FilterExpression, Parser, Token, token_kwargs
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from casereview.core.filters import FilterForm
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
    "file": "govuk-file-upload",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


@register.filter
def govuk_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, DateInput):
        return "date"
    # Before RadioSelect: Django's CheckboxSelectMultiple is a kind of RadioSelect.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
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
    attrs: dict[str, str | bool] = {"class": f"{classes} {existing}" if existing else classes}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


# Checkboxes or radios with more options than this are the small variant, as GOV.UK advises
# where there are many (or in a filter).
MANY_OPTIONS = 6


@dataclass(frozen=True)
class OptionGroup:
    heading: str  # "" for options under no heading
    options: list[BoundWidget]


@register.filter
def govuk_option_groups(field: BoundField) -> list[OptionGroup]:
    """A choice field's options, under the headings of the groups of the records they offer.

    Records with a `group` field that has choices (a theme: harm, family, child, practice)
    are shown group by group, in the order of those choices, each under the group's label;
    any other options are one group with no heading.
    """
    options = list(field.subwidgets)
    records: list[Any] = [getattr(option.data["value"], "instance", None) for option in options]
    if not options or not all(_has_group(record) for record in records):
        return [OptionGroup("", options)]
    choices = records[0]._meta.get_field("group").choices
    order = {value: position for position, (value, _label) in enumerate(choices)}
    labels = dict(choices)
    grouped: dict[str, list[BoundWidget]] = {}
    for option, record in zip(options, records, strict=True):
        grouped.setdefault(record.group, []).append(option)
    return [
        OptionGroup(str(labels.get(group, group)), grouped[group])
        for group in sorted(grouped, key=lambda group: order.get(group, len(order)))
    ]


def _has_group(record: object) -> bool:
    if record is None or not hasattr(record, "_meta"):
        return False
    try:
        return bool(record._meta.get_field("group").choices)
    except FieldDoesNotExist:
        return False


@register.filter
def govuk_small(field: BoundField) -> bool:
    """The small checkboxes or radios: asked for (widget attrs `small`), in a filter form,
    or where there are many options."""
    if field.field.widget.attrs.get("small"):
        return True
    if isinstance(field.form, FilterForm):
        return True
    return len(field.subwidgets) > MANY_OPTIONS


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
    return _tag(code, conditional_escape(label))


@functools.lru_cache(maxsize=1024)
def _tag(code: str, label: SafeString) -> SafeString:
    # A register shows a few tags over and over (a hundred a page): each is made once, after
    # the apps have filled TAG_COLOURS (in their ready()).
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


# The GOV.UK summary list, written once (summary_list_html):
#
#   {% summary_list %}
#     {% summary_row "Received" %}{{ referral.received_partial }}{% endsummary_row %}
#     {% if decision.review %}{% summary_row "Review" %}...{% endsummary_row %}{% endif %}
#     {% summary_row "Name" change=change_url %}{{ agency.name }}{% endsummary_row %}
#   {% endsummary_list %}
#
# Each row is a label, its value (the markup between the tags) and, with `change`, a Change
# link whose hidden words name what it changes (`change_label`, by default the label).
# `if` and `for` may hold rows; anything else between the rows is a mistake.

ROWS = "summary_list_rows"


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: SafeString
    change_url: str = ""
    change_label: str = ""


class SummaryListNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        rows: list[SummaryRow] = []
        with context.push({ROWS: rows}):
            stray = self.nodelist.render(context)
        if stray.strip():
            raise template.TemplateSyntaxError(
                f"summary_list holds summary_row tags, not {stray.strip()[:60]!r}"
            )
        return summary_list_html(rows)


def summary_list_html(rows: list[SummaryRow]) -> SafeString:
    """The GOV.UK summary list of these rows. Written here rather than in a template: a
    detail page shows several, and the template's loop took about 0.1 ms a list (of 6 rows).
    Where any row has a Change link, the rows without one say so (GOV.UK's no-actions)."""
    has_changes = any(row.change_url for row in rows)
    # Each row is made by format_html, which escaped what it was given.
    rows_html = mark_safe("".join(_summary_row_html(row, has_changes) for row in rows))  # noqa: S308
    return format_html('\n<dl class="govuk-summary-list">\n{}</dl>\n', rows_html)


def _summary_row_html(row: SummaryRow, has_changes: bool) -> SafeString:
    no_actions = (
        " govuk-summary-list__row--no-actions" if has_changes and not row.change_url else ""
    )
    change = ""
    if row.change_url:
        change = format_html(
            '<dd class="govuk-summary-list__actions"><a class="govuk-link" href="{}">Change'
            '<span class="govuk-visually-hidden"> {}</span></a></dd>',
            row.change_url,
            row.change_label,
        )
    return format_html(
        '  <div class="govuk-summary-list__row{}"><dt class="govuk-summary-list__key">{}</dt>'
        '<dd class="govuk-summary-list__value">{}</dd>{}</div>\n',
        no_actions,
        row.label,
        row.value,
        change,
    )


class SummaryRowNode(template.Node):
    def __init__(
        self,
        label: FilterExpression,
        options: dict[str, FilterExpression],
        nodelist: template.NodeList,
    ) -> None:
        self.label, self.options, self.nodelist = label, options, nodelist

    def render(self, context: template.Context) -> str:
        rows = context.get(ROWS)
        if rows is None:
            raise template.TemplateSyntaxError("summary_row is only for inside summary_list")
        label = str(self.label.resolve(context))
        options = {name: value.resolve(context) for name, value in self.options.items()}
        rows.append(
            SummaryRow(
                label=label,
                value=self.nodelist.render(context),  # safe: rendered, so escaped
                change_url=str(options.get("change") or ""),
                change_label=str(options.get("change_label") or label.lower()),
            )
        )
        return ""


@register.tag
def summary_list(parser: Parser, token: Token) -> SummaryListNode:
    nodelist = parser.parse(("endsummary_list",))
    parser.delete_first_token()
    return SummaryListNode(nodelist)


@register.tag
def summary_row(parser: Parser, token: Token) -> SummaryRowNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("summary_row takes a label")
    options = token_kwargs(bits[2:], parser)
    if len(options) != len(bits) - 2 or set(options) - {"change", "change_label"}:
        raise template.TemplateSyntaxError("summary_row takes change= and change_label= only")
    nodelist = parser.parse(("endsummary_row",))
    parser.delete_first_token()
    return SummaryRowNode(parser.compile_filter(bits[1]), options, nodelist)
