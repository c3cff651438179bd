"""The registers' rows, written by tags from values read for the page (ADR 22): each row
shows its own record's children or themes, in order, and no other record's."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.referrals import services as referral_services
from casereview.referrals.choices import Sex
from casereview.testing.records import make_referral, make_review
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr class="govuk-table__row">(.*?)</tr>', re.S)
CELL = re.compile(r'<td class="govuk-table__cell">(.*?)</td>', re.S)
TAGS = re.compile(r"<[^>]+>")


def rows(html: str) -> list[list[str]]:
    body = html[html.index("<tbody") :]
    return [[TAGS.sub("", cell).strip() for cell in CELL.findall(row)] for row in ROW.findall(body)]


def test_each_referral_row_names_its_own_children_in_alphabetical_order(
    client_as: Callable, partnership: Partnership
) -> None:
    siblings = make_referral(partnership, child={"pseudonym": "Child Z", "sex": Sex.MALE})
    sister = referral_services.create_child(
        partnership, acting_user=None, pseudonym="Baby A", sex=Sex.FEMALE
    )
    referral_services.add_child_to_referral(siblings, sister, acting_user=None)
    alone = make_referral(partnership, child={"pseudonym": "Child <M> & co", "sex": Sex.MALE})
    html = client_as("manager").get(reverse("referrals:referrals")).content.decode()
    shown = {row[0]: row for row in rows(html)}
    assert shown[siblings.reference][3] == "Baby A, Child Z"
    assert shown[alone.reference][3] == "Child &lt;M&gt; &amp; co"
    assert shown[siblings.reference][2] == siblings.referred_by.name
    assert shown[siblings.reference][1] == "3 March 2016"


def test_each_review_row_names_its_own_themes_in_the_taxonomys_order(
    client_as: Callable, partnership: Partnership
) -> None:
    neglect, *others = Theme.objects.filter(partnership=None).order_by("group", "label")[:3]
    themed = make_review(partnership, title="Child J")
    themed.themes.set([others[1], neglect, others[0]])
    plain = make_review(partnership, title="Baby L")
    plain.themes.set([])
    html = client_as("manager").get(reverse("reviews:reviews")).content.decode()
    shown = {row[0]: row for row in rows(html)}
    assert shown["Child J"][4] == ", ".join(theme.label for theme in [neglect, *others])
    assert shown["Baby L"][4] == ""
    assert shown["Child J"][1] == themed.get_type_display()
    assert shown["Child J"][2] == "4 January 2016"
