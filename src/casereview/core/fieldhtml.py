"""The GOV.UK form group of a field (templates/govuk/forms/field.html), written in Python for
the commonest kinds: a label with its input, select or text box; a single checkbox; a group
of checkboxes or radios. The template language spent more on a filter's form than the
database did on the page's records (the search page's form took a third of its time beside
its results; ADR 24).

The same markup as the template, but for the whitespace between tags:
core/tests/test_form_fields.py renders every field of the service's forms both ways and
compares them. A date field, and any field this does not know, is rendered from the template.
"""

from __future__ import annotations

from typing import Any

from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from casereview.core.templatetags.govuk import (
    govuk_kind,
    govuk_option_groups,
    govuk_small,
    govuk_widget,
)

FIELD_TEMPLATE = "govuk/forms/field.html"
GROUPED_KINDS = ("radios", "checkboxes")


def e(value: Any) -> str:
    return str(conditional_escape(value))


def field_html(field: BoundField) -> SafeString | None:
    """The field's form group, or None for a kind rendered from the template."""
    kind = govuk_kind(field)
    if kind == "date":
        return None
    error = " govuk-form-group--error" if field.errors else ""
    if kind in GROUPED_KINDS:
        inner = _option_groups(field, kind)
    elif kind == "checkbox":
        inner = _single_checkbox(field)
    else:
        inner = (
            f'<label class="govuk-label govuk-label--s" for="{e(field.id_for_label)}">'
            f"{e(field.label)}</label>{hint_and_errors(field)}{govuk_widget(field)}"
        )
    return mark_safe(f'<div class="govuk-form-group{error}">{inner}</div>')  # noqa: S308


def hint_and_errors(field: BoundField) -> str:
    """templates/govuk/forms/hint_and_errors.html"""
    parts = []
    if field.help_text:
        parts.append(
            f'<div id="{e(field.auto_id)}_helptext" class="govuk-hint">{e(field.help_text)}</div>'
        )
    if field.errors:
        parts.append(
            f'<p id="{e(field.auto_id)}-error" class="govuk-error-message">'
            '<span class="govuk-visually-hidden">Error:</span> '
            f"{' '.join(e(error) for error in field.errors)}</p>"
        )
    return "".join(parts)


def _described_by(field: BoundField) -> str:
    if not (field.help_text or field.errors):
        return ""
    hint = f"{e(field.auto_id)}_helptext" if field.help_text else ""
    error = f" {e(field.auto_id)}-error" if field.errors else ""
    return f' aria-describedby="{hint}{error}"'


def _option_groups(field: BoundField, kind: str) -> str:
    small = f" govuk-{kind}--small" if govuk_small(field) else ""
    parts = [
        f'<fieldset class="govuk-fieldset"{_described_by(field)}>'
        f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{e(field.label)}'
        f"</legend>{hint_and_errors(field)}"
    ]
    for group in govuk_option_groups(field):
        if group.heading:
            parts.append(
                '<fieldset class="govuk-fieldset app-option-group"><legend class="govuk-fieldset'
                f'__legend govuk-fieldset__legend--s">{e(group.heading)}</legend>'
            )
        parts.append(f'<div class="govuk-{kind}{small}" data-module="govuk-{kind}">')
        for option in group.options:
            data = option.data
            checked = " checked" if data["selected"] else ""
            parts.append(
                f'<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" '
                f'id="{e(option.id_for_label)}" name="{e(data["name"])}" type="{e(data["type"])}" '
                f'value="{e(data["value"])}"{checked}><label class="govuk-label govuk-{kind}'
                f'__label" for="{e(option.id_for_label)}">{e(option.choice_label)}</label></div>'
            )
        parts.append("</div>")
        if group.heading:
            parts.append("</fieldset>")
    parts.append("</fieldset>")
    return "".join(parts)


def _single_checkbox(field: BoundField) -> str:
    small = " govuk-checkboxes--small" if govuk_small(field) else ""
    return (
        f'{hint_and_errors(field)}<div class="govuk-checkboxes{small}" '
        'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">'
        f'{govuk_widget(field)}<label class="govuk-label govuk-checkboxes__label" '
        f'for="{e(field.id_for_label)}">{e(field.label)}</label></div></div>'
    )


def written_in_python(template_name: str, context: dict[str, Any]) -> SafeString | None:
    """The field's form group, if its template is field.html and its kind one written here."""
    if template_name != FIELD_TEMPLATE or not isinstance(context.get("field"), BoundField):
        return None
    return field_html(context["field"])
