"""Each field's GOV.UK form group is written in Python (core.fieldhtml, for speed): a person
sees the same markup as templates/govuk/forms/field.html gives, on every page of the service.

The test opens every page a business manager and a subgroup member may open, and forms sent
back with mistakes, and renders each field both ways as the page renders it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.test import Client
from django.urls import reverse

from casereview.accounts.choices import Role
from casereview.accounts.models import Partnership
from casereview.core import fieldhtml
from casereview.core.forms import DateField, GovUKForm, GovUKFormRenderer
from casereview.core.templatetags.govuk import govuk_kind
from casereview.core.tests.test_permission_matrix import MATRIX, OK, url_for

pytestmark = pytest.mark.django_db


def same_markup(html: str) -> str:
    """HTML with the whitespace between tags, and runs of it, made one."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.fixture
def both_ways(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Every field rendered while the test runs is rendered from the template too, and the two
    compared; the kinds compared are counted."""
    compared: Counter[str] = Counter()
    rendered = GovUKFormRenderer.render

    def render(self: Any, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        field = context.get("field")
        if template_name == fieldhtml.FIELD_TEMPLATE and isinstance(field, BoundField):
            ours = fieldhtml.field_html(field)
            if ours is not None:
                template = TemplatesSetting.render(self, template_name, context, request)
                assert same_markup(ours) == same_markup(template), field.html_name
                compared[govuk_kind(field)] += 1
        return rendered(self, template_name, context, request)

    monkeypatch.setattr(GovUKFormRenderer, "render", render)
    yield compared


MISTAKES = [
    ("search:search", {"q": "fathers", "from_year": "2020", "to_year": "2016", "kind": "nope"}),
    ("reviews:reviews", {"commissioned_from_0": "31", "commissioned_from_1": "2"}),
    ("library:library", {"published_from": "year"}),
]
SENT_BACK = ["referrals:referral-add", "reviews:review-add", "accounts:agency-add"]


@pytest.mark.parametrize("role", [Role.MANAGER, Role.PANEL_MEMBER])
def test_every_field_of_every_page_is_the_templates_markup(
    role: str,
    partnership: Partnership,
    client_as: Callable[..., Client],
    both_ways: Counter[str],
) -> None:
    client = client_as(role)
    skipped: list[str] = []
    for name, expect in sorted(MATRIX.items()):
        if expect.roles[role] != OK or name.endswith(("download", "export-json")):
            continue
        try:
            url = url_for(name, partnership)
        except Exception:  # a record another page's record rules out here
            skipped.append(name)
            continue
        client.get(url)
    for name, query in MISTAKES:
        assert client.get(reverse(name), query).status_code == 400
    if role == Role.MANAGER:
        for name in SENT_BACK:
            assert client.post(reverse(name), {}).status_code == 400
    assert {"text", "select", "textarea", "checkbox", "checkboxes", "radios", "number"} <= set(
        both_ways
    ), both_ways
    # Their records need a referral whose decision another page's record has ruled out.
    assert set(skipped) <= {"scrutiny:decision", "scrutiny:respond"}, skipped


def test_a_date_is_left_to_the_template() -> None:
    class WithADate(GovUKForm):
        received = DateField(label="Received")

    assert fieldhtml.field_html(WithADate()["received"]) is None
