"""The project's select template writes its options inline (for speed): a person sees the
same select as Django's own template gives, option for option."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
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


def test_the_select_template_used_is_the_projects() -> None:
    engine = engines["django"].engine  # type: ignore[attr-defined]  # the DjangoTemplates backend's
    origin = engine.get_template("django/forms/widgets/select.html").origin.name
    assert "/casereview/templates/django/forms/widgets/" in origin
    assert "site-packages" not in origin
