"""Django's commonest widgets, written in Python from the context Django gives their
templates: the same HTML, to the character (stripped, as Django's renderers strip it), for a fraction of the template language's cost
(a filter form's selects were a third of a register page's time; ADR 22).

GovUKFormRenderer (core.forms) calls these in place of Django's own templates named in
WRITTEN; any other widget template, or a select with an option of its own template, is
rendered from its template as before. core/tests/test_widgethtml.py renders each widget both
ways and compares them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
OPTION = WIDGETS + "select_option.html"


def escaped(value: Any) -> str:
    """Django's conditional_escape, without its lazy-string wrapper (a select's options ask
    for it hundreds of times): markup marked safe as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def attributes(attrs: dict[str, Any]) -> str:
    """attrs.html: ` name="value"` each, a True value as the bare name, a False one left out."""
    written = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            written.append(f" {escaped(name)}")
        else:
            written.append(f' {escaped(name)}="{escaped(value)}"')
    return "".join(written)


def input_html(widget: dict[str, Any]) -> SafeString:
    """input.html, as text.html, number.html, checkbox.html and the rest include it."""
    value = widget["value"]
    shown = "" if value is None else f' value="{escaped(value)}"'
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<input type="{escaped(widget["type"])}" '
        f'name="{escaped(widget["name"])}"{shown}{attributes(widget["attrs"])}>'
    )


def textarea_html(widget: dict[str, Any]) -> SafeString:
    value = widget["value"]
    text = escaped(value) if value else ""
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<textarea name="{escaped(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


def select_html(widget: dict[str, Any]) -> SafeString | None:
    """select.html with select_option.html for each option; None where an option has a
    template of its own, which is then rendered from the templates."""
    parts = [f'<select name="{escaped(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escaped(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{escaped(option["value"])}"'
                f"{attributes(option['attrs'])}>{escaped(option['label'])}"
                "</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


INPUTS = [
    "text",
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "hidden",
    "number",
    "password",
    "search",
    "tel",
    "time",
    "url",
]
WRITTEN: dict[str, Callable[[dict[str, Any]], SafeString | None]] = {
    **{f"{WIDGETS}{kind}.html": input_html for kind in INPUTS},
    WIDGETS + "input.html": input_html,
    WIDGETS + "textarea.html": textarea_html,
    WIDGETS + "select.html": select_html,
}


def written_in_python(template_name: str, context: dict[str, Any]) -> SafeString | None:
    """The widget's HTML, if its template is one written here; None otherwise."""
    write = WRITTEN.get(template_name)
    if write is None or "widget" not in context:
        return None
    return write(context["widget"])
