"""The commonest widgets are written in Python (core.widgethtml, for speed): a person sees the
same select, input and text box as Django's own templates give, to the character."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from casereview.core.forms import GovUKFormRenderer

CHOICES = [
    ("", "Any"),
    ("red", "Red & <amber>"),
    (3, 'A "quoted" label'),
    ("lazy", gettext_lazy("Translated later")),
    ("safe", mark_safe("<em>Already safe</em>")),
]
GROUPED = [
    ("", "Any"),
    ("Harm", [("h1", "Neglect"), ("h2", "Abuse")]),
    ("Family", [("f1", "Parental conflict")]),
    ("loose", "Not in a group"),
]


class WithOptionAttributes(forms.Select):
    """An option with attributes of its own: a value, a bare attribute, one left out."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["attrs"].update({"data-hint": f"<{option['value']}>", "hidden": False})
        if option["value"] == "red":
            option["attrs"]["disabled"] = True
        return option


class WithOptionTemplate(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


ATTRS = {"id": "id_colour", "class": "govuk-select", "aria-describedby": "a b", "required": True}

CASES = [
    ("nothing chosen", forms.Select(choices=CHOICES), ""),
    ("one chosen", forms.Select(choices=CHOICES), "red"),
    ("a number chosen", forms.Select(choices=CHOICES), 3),
    ("groups", forms.Select(choices=GROUPED), "h2"),
    ("several chosen", forms.SelectMultiple(choices=CHOICES), ["red", "safe"]),
    ("yes, no or unknown", forms.NullBooleanSelect(), True),
    ("options with attributes", WithOptionAttributes(choices=CHOICES), "red"),
    ("options with a template of their own", WithOptionTemplate(choices=CHOICES), "red"),
    ("no options", forms.Select(choices=[]), None),
]


@pytest.mark.parametrize(("case", "widget", "value"), CASES, ids=[c[0] for c in CASES])
def test_a_select_shows_the_options_selection_and_attributes_djangos_would(
    case: str, widget: forms.Select, value: Any
) -> None:
    ours = widget.render("colour", value, ATTRS, renderer=GovUKFormRenderer())
    djangos = widget.render("colour", value, ATTRS, renderer=DjangoTemplates())
    assert ours == djangos


INPUTS = [
    ("text, empty", forms.TextInput(), None),
    ("text with a value to escape", forms.TextInput(), 'Child "J" & <family>'),
    ("a number", forms.NumberInput(attrs={"min": 0, "step": 1}), 12),
    ("an email address", forms.EmailInput(), "lead@example.org"),
    ("a ticked box", forms.CheckboxInput(), True),
    ("an unticked box", forms.CheckboxInput(), False),
    ("hidden", forms.HiddenInput(), "2026-11-30T10:00:00"),
    ("a password", forms.PasswordInput(), "never shown"),
    ("a text box", forms.Textarea(), "Line one\nLine <two> & three"),
    ("an empty text box", forms.Textarea(), ""),
    ("a text box with a leading line break", forms.Textarea(), "\nafter a blank line"),
]


@pytest.mark.parametrize(("case", "widget", "value"), INPUTS, ids=[c[0] for c in INPUTS])
def test_an_input_or_text_box_is_the_one_djangos_template_writes(
    case: str, widget: forms.Widget, value: Any
) -> None:
    ours = widget.render("answer", value, ATTRS, renderer=GovUKFormRenderer())
    djangos = widget.render("answer", value, ATTRS, renderer=DjangoTemplates())
    assert ours == djangos


def test_a_select_is_written_without_the_template_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_templates(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a template was rendered")

    monkeypatch.setattr(DjangoTemplates, "render", no_templates)
    html = forms.Select(choices=CHOICES).render(
        "colour", "red", ATTRS, renderer=GovUKFormRenderer()
    )
    assert '<option value="red" selected>Red &amp; &lt;amber&gt;</option>' in html
