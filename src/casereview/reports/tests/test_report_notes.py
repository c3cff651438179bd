"""The report's notes on the records name children, referrals and unpublished reviews: they are
for the manager who writes the report, never for the board's scrutiny or the subgroup."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.referrals.models import Child
from casereview.reviews import services as reviews
from casereview.testing.records import make_referral

pytestmark = pytest.mark.django_db

PERIOD = {
    "date_from_0": "1",
    "date_from_1": "1",
    "date_from_2": "2016",
    "date_to_0": "31",
    "date_to_1": "1",
    "date_to_2": "2017",
}
NOTES_HEADING = "Notes on the records, for the author"


def records_the_notes_name(partnership: Partnership) -> list[str]:
    """A child of unknown sex in an unpublished review with no methodology, and a referral
    whose date of awareness is not recorded: each gets a note naming it."""
    review = reviews.create_review(
        partnership,
        acting_user=None,
        title="Review of Child Q, not published",
        type="scr",
        commissioned=PartialDate(dt.date(2016, 3, 1)),
    )
    review.children.create(partnership=partnership, pseudonym="Child Q")
    referral = make_referral(partnership, received=PartialDate(dt.date(2016, 5, 3)), aware=None)
    return ["Child Q: sex not recorded", referral.reference, review.title, NOTES_HEADING]


def docx_text(body: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def test_the_manager_sees_the_notes_on_the_page_and_in_the_downloads_when_asked(
    client_as: Callable, partnership: Partnership
) -> None:
    named = records_the_notes_name(partnership)
    client = client_as("manager")
    page = client.get(reverse("reports:report"), PERIOD).content.decode()
    asked = {**PERIOD, "notes": "1"}
    html = client.get(reverse("reports:download", args=["html"]), asked).content.decode()
    word = docx_text(client.get(reverse("reports:download", args=["docx"]), asked).content)
    for text in named:
        assert text in page
        assert text in html
        assert text in word
    # The board paper itself leaves them out.
    paper = client.get(reverse("reports:download", args=["html"]), PERIOD).content.decode()
    assert NOTES_HEADING not in paper and "Child Q: sex not recorded" not in paper


def test_each_note_on_the_page_links_to_where_the_record_is_put_right(
    client_as: Callable, partnership: Partnership
) -> None:
    records_the_notes_name(partnership)
    child = Child.objects.get(partnership=partnership, pseudonym="Child Q")
    page = client_as("manager").get(reverse("reports:report"), PERIOD).content.decode()
    link = reverse("referrals:child-change", args=[child.pk])
    assert f'<a class="govuk-link" href="{link}">Change Child Q</a>' in page
    assert 'name="notes"' in page and "notes=1" not in page  # offered, not chosen
    asked = client_as("manager").get(reverse("reports:report"), {**PERIOD, "notes": "1"})
    word = reverse("reports:download", args=["docx"])
    assert f'{word}?{"&amp;".join(f"{k}={v}" for k, v in PERIOD.items())}&amp;notes=1"' in (
        asked.content.decode()
    )


def test_the_command_adds_the_notes_only_with_notes(
    partnership: Partnership, tmp_path: Any
) -> None:
    records_the_notes_name(partnership)
    common = ["report", "--partnership", partnership.code, "--from", "2016-01-01"]
    common += ["--to", "2017-01-31", "--format", "docx"]
    call_command(*common, "-o", str(tmp_path / "paper.docx"))
    call_command(*common, "--notes", "-o", str(tmp_path / "notes.docx"))
    assert NOTES_HEADING not in docx_text((tmp_path / "paper.docx").read_bytes())
    assert NOTES_HEADING in docx_text((tmp_path / "notes.docx").read_bytes())


@pytest.mark.parametrize("role", ["scrutiny", "panel_member"])
def test_scrutiny_and_panel_members_never_see_the_notes(
    role: str, client_as: Callable, partnership: Partnership
) -> None:
    named = records_the_notes_name(partnership)
    client = client_as(role)
    page = client.get(reverse("reports:report"), PERIOD)
    asked = {**PERIOD, "notes": "1"}  # even when they ask for them
    html = client.get(reverse("reports:download", args=["html"]), asked)
    docx = client.get(reverse("reports:download", args=["docx"]), asked)
    assert (page.status_code, html.status_code, docx.status_code) == (200, 200, 200)
    assert 'name="notes"' not in page.content.decode()
    assert "Summary report on case reviews" in html.content.decode()  # the report is there
    for text in named:
        assert text not in page.content.decode()
        assert text not in html.content.decode()
        assert text not in docx_text(docx.content)
