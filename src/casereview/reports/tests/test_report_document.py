"""The report as people read it: sentences, gaps, the Word and PDF files, the command, the page."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from casereview.accounts.models import Agency, Partnership
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.exchange.files import seed_document
from casereview.exchange.services import import_document
from casereview.reports.document import build
from casereview.reports.renderers import as_docx, as_pdf
from casereview.reports.words import count, join, number
from casereview.reviews import services as reviews
from casereview.testing.forms import version_for
from casereview.testing.records import make_action, make_referral, make_review

pytestmark = pytest.mark.django_db
START, END = dt.date(2016, 1, 1), dt.date(2017, 1, 31)


def test_numbers_under_ten_are_words() -> None:
    assert [number(n) for n in (0, 1, 9, 10, 1234)] == ["no", "one", "nine", "10", "1,234"]
    assert count(1, "review") == "one review" and count(12, "case") == "12 cases"
    assert join(["a", "b", "c"]) == "a, b and c"


def fill_the_period(partnership: Partnership) -> None:
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    csc = Agency.objects.get(partnership=partnership, external_key="occ-csc")
    make_referral(partnership, received=PartialDate(dt.date(2016, 5, 3)), referred_by=police)
    for month in (6, 7, 8):
        make_referral(partnership, received=PartialDate(dt.date(2016, month, 1)), referred_by=csc)
    review = make_review(partnership, title="Child J")
    reviews.sign_off_review(
        review, signed_off=PartialDate(dt.date(2016, 9, 1), "month"), acting_user=None
    )
    reviews.publish_review(review, published=PartialDate(dt.date(2017, 1, 10)), acting_user=None)
    make_action(partnership, review=review)


def test_sentences_are_written_from_the_figures(partnership: Partnership) -> None:
    fill_the_period(partnership)
    report = build(partnership, START, END)
    text = " ".join(p for section in report.sections for p in section.paragraphs)
    assert (
        "Four new cases were brought to the attention of the board; one was referred by the "
        "police and three by children's social care." in text
    )
    assert "Of these, four are awaiting a decision." in text
    assert "worked on one case review in the period" in text
    assert "The published report is Child J (10 January 2017)." in text
    assert "The reviews signed off in the period led to one recommendation, multi-agency." in text


def test_missing_narrative_is_a_visible_gap_until_written(
    client_as: Callable, partnership: Partnership
) -> None:
    report = build(partnership, START, END)
    gaps = {section.heading: section.gap for section in report.sections if section.gap}
    assert set(gaps) == {
        "1. Introduction",  # who the report is by and for: the partnership's settings
        "2. Local context",  # the agencies the subgroup draws its members from
        "3. National context",
        "6. Family contribution",
        "10. Outcomes",
    }
    client = client_as("manager")
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    url = (
        reverse("reports:narrative")
        + "?date_from_0=1&date_from_1=1&date_from_2=2016&date_to_0=31&date_to_1=1&date_to_2=2017"
    )
    response = client.post(
        url,
        {
            "author": "the Deputy Director for Children's Social Care",
            "chair": "",
            "subgroup": "the Case Review and Governance subgroup",
            "subgroup_members": [police.pk],
            "board": "Performance Scrutiny",
            "national_context": "Working Together 2015 applied.",
            "family_contribution": "",
            "outcomes": "Fathers attend more conferences.",
            "version": version_for(client, url),
        },
    )
    assert response.status_code == 302
    report = build(partnership, START, END)
    headings = {section.heading for section in report.sections if section.gap}
    assert headings == {"6. Family contribution"}
    said = " ".join(p for section in report.sections[:2] for p in section.paragraphs)
    assert (
        "This report is by the Deputy Director for Children's Social Care, chair of the Case "
        "Review and Governance subgroup of Oxfordshire Safeguarding Children Board." in said
    )
    assert "since the last report to Performance Scrutiny, between 1 January 2016" in said
    assert f"The Case Review and Governance subgroup draws its members from {police.name}." in said
    assert "Fathers attend more conferences." in [p for s in report.sections for p in s.paragraphs]


def test_the_word_and_pdf_files_hold_the_headings_tables_and_figures(
    partnership: Partnership,
) -> None:
    fill_the_period(partnership)
    report = build(partnership, START, END)
    figures = report.figures
    word = Document(io.BytesIO(as_docx(report)))
    headings = [p.text for p in word.paragraphs if p.style and p.style.name.startswith("Heading")]
    for heading in (
        "1. Introduction",
        "4. Cases considered",
        "5. Methodologies",
        "7. Subjects and themes",
        "9. Recommendations and agency actions",
        "Annex 1: The criteria in force",
        "Annex 2: Background on each published review",
        "Annex 3: Glossary",
    ):
        assert heading in headings
    tables = {table.rows[0].cells[0].text: table for table in word.tables}
    referred = tables["Referred by"]
    cells = {row.cells[0].text: row.cells[1].text for row in referred.rows[1:]}
    assert cells == {
        "Children's social care": "3",
        "Police": "1",
        "Total": str(figures["referrals"]["received"]),
    }
    assert len(word.inline_shapes) == 2  # the themes chart and the actions chart, as pictures
    pdf = pypdfium2.PdfDocument(as_pdf(report))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    flat = " ".join(text.split())
    assert "4. Cases considered" in flat and "Annex 3: Glossary" in flat
    assert "Four new cases were brought to the attention of the board" in flat
    assert "Cases referred, by referring agency" in flat


def test_the_command_writes_json_to_stdout_and_files_with_o(
    partnership: Partnership, tmp_path: Path, capsysbinary: pytest.CaptureFixture
) -> None:
    fill_the_period(partnership)
    period = ["--partnership", "OSCB", "--from", "2016-01-01", "--to", "2017-01-31"]
    call_command("report", *period, "--format", "json")
    printed = capsysbinary.readouterr()
    assert json.loads(printed.out)["referrals"]["received"] == 4  # stdout holds the JSON alone
    call_command(
        "report", *period, "--format", "docx", "-o", str(tmp_path / "r.docx"), stderr=io.StringIO()
    )
    assert Document(str(tmp_path / "r.docx")).paragraphs[0].text == "Summary report on case reviews"
    assert AuditEvent.objects.filter(
        action="export", object_repr__startswith="report (docx)"
    ).exists()


def test_the_command_says_what_is_wrong_and_exits_1(partnership: Partnership) -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command(
            "report",
            "--partnership",
            "NOPE",
            "--from",
            "2016-01-01",
            "--to",
            "2017-01-31",
            "--format",
            "json",
            stderr=err,
        )
    assert exited.value.code == 1
    assert err.getvalue().strip() == "casereview report: --partnership NOPE: no such partnership"
    for start, end, message in (
        ("2016-13-01", "2017-01-31", "--from 2016-13-01: not a date; expected YYYY-MM-DD"),
        ("2017-02-01", "2017-01-31", "The end of the period must be on or after its start"),
    ):
        err = io.StringIO()
        with pytest.raises(SystemExit) as exited:
            call_command(
                "report",
                "--partnership",
                "OSCB",
                "--from",
                start,
                "--to",
                end,
                "--format",
                "json",
                stderr=err,
            )
        assert exited.value.code == 1
        assert message in err.getvalue()


def test_the_page_previews_and_downloads(client_as: Callable, partnership: Partnership) -> None:
    fill_the_period(partnership)
    client = client_as("scrutiny")
    query = {
        "date_from_0": "1",
        "date_from_1": "1",
        "date_from_2": "2016",
        "date_to_0": "31",
        "date_to_1": "1",
        "date_to_2": "2017",
    }
    page = client.get(reverse("reports:report"), query).content.decode()
    assert "Four new cases were brought to the attention of the board" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    figures = client.get(reverse("reports:download", args=["json"]), query)
    assert figures["Content-Type"] == "application/json"
    assert json.loads(figures.content)["referrals"]["received"] == 4
    assert client.get(reverse("reports:download", args=["xls"]), query).status_code == 404
    bad = client.get(reverse("reports:report"), {**query, "date_to_2": "2015"})
    assert bad.status_code == 400 and "must be on or after its start" in bad.content.decode()
    assert AuditEvent.objects.filter(action="export", actor_username="scrutiny@OSCB").exists()


def test_data_quality_notes_list_what_the_records_leave_unknown(partnership: Partnership) -> None:
    review = reviews.create_review(
        partnership,
        acting_user=None,
        title="Child X",
        type="scr",
        commissioned=PartialDate(dt.date(2016, 3, 1), "month"),
    )
    review.children.create(partnership=partnership, pseudonym="Child X")
    notes = build(partnership, START, END, with_notes=True).notes
    assert "Child X: sex not recorded (counted as not recorded)." in notes
    assert "Child X: age not recorded (counted as not recorded)." in notes
    assert "Child X: no methodology recorded (left out of the methodology counts)." in notes
    assert (
        "Child X: commissioned date known only as March 2016 (counted as its first day)." in notes
    )


def test_the_seeds_figures_come_out_as_the_seed_reports_them(partnership: Partnership) -> None:
    """Oxfordshire's records, loaded from the seed report, give back the report's own figures
    for 1 January 2016 to 31 January 2017."""
    import_document(seed_document())
    figures = build(partnership, START, END).figures
    assert figures["referrals"]["received"] == 4
    assert figures["referrals"]["by_referrer_kind"] == {"childrens_social_care": 3, "police": 1}
    assert figures["referrals"]["decisions"] == {
        "review_commissioned": 1,
        "alternative_review": 1,
        "no_review": 0,
        "pending": 2,
    }
    assert figures["reviews"]["worked_on"] == 6
    assert figures["reviews"]["by_methodology"] == {
        "scie_systems": 1,
        "reviewer_led": 2,
        "wt2010_imr": 3,
    }
    assert figures["children"]["count"] == 7
    assert figures["reviews"]["signed_off_by_financial_year"] == {"2015/16": 2, "2016/17": 2}
    text = " ".join(
        p for section in build(partnership, START, END).sections for p in section.paragraphs
    )
    assert "Four new cases were brought to the attention of the board" in text
    assert (
        "Four new cases were brought to the attention of the board; one was referred by the "
        "police and three by children's social care." in text
    )


def test_learning_in_common_is_drawn_from_published_reviews_only(partnership: Partnership) -> None:
    published = make_review(partnership, title="Child P")
    reviews.sign_off_review(
        published, signed_off=PartialDate(dt.date(2016, 6, 1)), acting_user=None
    )
    reviews.publish_review(published, published=PartialDate(dt.date(2016, 9, 1)), acting_user=None)
    unpublished = make_review(partnership, title="Child U")
    reviews.add_learning_point(unpublished, text="Not yet public.", acting_user=None)
    section = next(
        s for s in build(partnership, START, END).sections if s.heading == "8. Learning in common"
    )
    assert section.bullets == ["Think about the role of the father in the family system. (Child P)"]
