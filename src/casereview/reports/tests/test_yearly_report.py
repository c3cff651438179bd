"""The yearly report as people read it: its sections in the words of the 2018 process, tables
or a sentence saying there is nothing to count, the four files, the command and the page."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from django.core.management import ManagementUtility, call_command
from django.urls import reverse
from docx import Document

from casereview.accounts.models import Agency, Partnership
from casereview.core.models import AuditEvent
from casereview.learning import services as learning
from casereview.reports.document import ReportDocument, build
from casereview.reviews import services as reviews
from casereview.testing.records import make_2023_referral, make_review

pytestmark = pytest.mark.django_db
START, END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)
PERIOD = ["--partnership", "OSCB", "--from", "2024-04-01", "--to", "2025-03-31"]
QUERY = {
    "date_from_0": "1",
    "date_from_1": "4",
    "date_from_2": "2024",
    "date_to_0": "31",
    "date_to_1": "3",
    "date_to_2": "2025",
}
HEADINGS = [
    "1. Introduction",
    "2. Notifications and rapid reviews",
    "3. The Panel's responses",
    "4. Local reviews published or not",
    "5. Learning events and attendance",
    "6. Actions verified with evidence of impact",
    "7. The children",
    "8. Themes",
]


def fill_the_year(partnership: Partnership) -> None:
    """A notification on time, a local review published and one not, a learning event with
    two agencies, and a child with a plan."""
    make_2023_referral(partnership, aware=dt.date(2024, 5, 6))  # notified the next day
    published = make_review(partnership, title="Child Y", commissioned=dt.date(2024, 4, 2))
    child = published.children.create(
        partnership=partnership,
        pseudonym="Child Y",
        ethnicity="White British",
        cp_plan_at_incident="yes",
    )
    assert child.pk
    reviews.sign_off_review(published, signed_off=dt.date(2024, 9, 2), acting_user=None)
    reviews.publish_review(published, published=dt.date(2024, 10, 2), acting_user=None)
    withheld = make_review(partnership, title="Child Z", commissioned=dt.date(2024, 4, 2))
    reviews.sign_off_review(withheld, signed_off=dt.date(2024, 9, 2), acting_user=None)
    reviews.withhold_review(
        withheld,
        decided_not_to_publish=dt.date(2024, 11, 4),
        reason="Invented: publishing would identify the child's siblings.",
        published_instead="A learning summary",
        acting_user=None,
    )
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    csc = Agency.objects.get(partnership=partnership, external_key="occ-csc")
    learning.record_learning_event(
        partnership,
        date=dt.date(2024, 6, 12),
        title="Neglect: the seven-minute briefing",
        attendance_by_agency={police: 12, csc: 30},
        acting_user=None,
    )


def text_of(report: ReportDocument) -> str:
    return " ".join(p for section in report.sections for p in section.paragraphs)


def test_the_yearly_report_has_its_own_sections_in_the_words_of_the_2018_process(
    partnership: Partnership,
) -> None:
    fill_the_year(partnership)
    report = build(partnership, START, END, kind="yearly")
    assert report.title == "Yearly report on child safeguarding practice reviews"
    assert [section.heading for section in report.sections] == HEADINGS
    text = text_of(report)
    assert "This is the yearly report of" in text and "for the year 2024/25." in text
    assert "Working Together to Safeguard Children 2023 asks the safeguarding partners" in text
    assert (
        "One serious incident was notified in the period: one on time, within five working "
        "days of the partnership learning of it, and none late." in text
    )
    assert "No rapid review was sent to the Child Safeguarding Practice Review Panel" in text
    assert (
        "One local review was published in the period; the median time from commissioning "
        "to publication was 183 days." in text
    )
    assert (
        "One learning event was held for practitioners in the period, attended by 42 people."
        in text
    )
    tables = {table.caption: table for section in report.sections for table in section.tables}
    assert tables["Reviews not published, and why"].rows == [
        [
            "Child Z",
            "4 November 2024",
            "Invented: publishing would identify the child's siblings.",
            "A learning summary",
        ]
    ]
    police = Agency.objects.get(partnership=partnership, external_key="tvp")
    csc = Agency.objects.get(partnership=partnership, external_key="occ-csc")
    assert tables["Attendance at learning events, by agency"].rows == [
        [csc.name, 30],
        [police.name, 12],
        ["Total", 42],
    ]
    plan = tables["Children subject to a child protection plan at the incident"].rows
    assert plan == [["Yes", 1], ["No", 0], ["Not known", 0]]
    assert (
        "Recorded at the incident: no children with a disability or special educational needs, "
        "one child subject to a child protection plan and no children looked after; the tables "
        "give what is not known." in text
    )


def test_empty_tables_say_so_in_a_sentence(partnership: Partnership) -> None:
    report = build(partnership, START, END, kind="yearly")
    for section in report.sections:
        for table in section.tables:
            assert table.rows, f"{section.heading}: {table.caption} has headers only"
    text = text_of(report)
    for said in (
        "No serious incident was notified in the period.",
        "No case was submitted to the Child Safeguarding Practice Review Panel in the period.",
        "No local review was published in the period.",
        "No learning event was held in the period.",
        "No agency action was verified in the period.",
        "No child is recorded for the reviews worked on in the period.",
        "No theme is recorded for the reviews worked on.",
    ):
        assert said in text


def test_a_year_under_working_together_2018_names_that_edition(
    partnership: Partnership,
) -> None:
    text = text_of(build(partnership, dt.date(2020, 4, 1), dt.date(2021, 3, 31), kind="yearly"))
    assert "Working Together to Safeguard Children 2018 asks the safeguarding partners" in text


def test_the_yearly_report_before_2018_keeps_the_words_of_its_time(
    partnership: Partnership,
) -> None:
    report = build(partnership, dt.date(2016, 4, 1), dt.date(2017, 3, 31), kind="yearly")
    assert report.title == "Yearly report on case reviews"
    assert report.sections[2].heading == "3. The national panel's responses"
    assert report.sections[3].heading == "4. Reviews published or not"


def test_the_notes_name_what_the_yearly_figures_leave_unknown(partnership: Partnership) -> None:
    fill_the_year(partnership)
    learning.record_learning_event(
        partnership, date=dt.date(2024, 7, 1), title="Open briefing", attendance=9, acting_user=None
    )
    notes = build(partnership, START, END, kind="yearly", with_notes=True).notes
    assert (
        "Child Y: disability or special educational needs and looked-after status not "
        "recorded (counted as not recorded)." in notes
    )
    assert "Open briefing (1 July 2024): nine people of 9 not counted by agency." in notes


def test_the_command_writes_the_yearly_json_word_pdf_and_html(
    partnership: Partnership, tmp_path: Path, capsysbinary: pytest.CaptureFixture
) -> None:
    fill_the_year(partnership)
    call_command("report", *PERIOD, "--format", "json", "--kind", "yearly")
    figures = json.loads(capsysbinary.readouterr().out)
    assert figures["kind"] == "yearly"
    assert figures["learning_events"]["attendance"] == 42
    assert figures["statutory"]["reviews"]["days_to_publication_median"] == 183

    for file_format in ("docx", "pdf", "html"):
        call_command(
            "report",
            *PERIOD,
            "--format",
            file_format,
            "--kind",
            "yearly",
            "-o",
            str(tmp_path / f"yearly.{file_format}"),
            stderr=io.StringIO(),
        )
    word = Document(str(tmp_path / "yearly.docx"))
    assert word.paragraphs[0].text == "Yearly report on child safeguarding practice reviews"
    headings = [p.text for p in word.paragraphs if p.style and p.style.name.startswith("Heading")]
    assert [h for h in headings if h[:1].isdigit()] == HEADINGS
    tables = {table.rows[0].cells[0].text: table for table in word.tables}
    attended = {row.cells[0].text: row.cells[1].text for row in tables["Agency"].rows[1:]}
    assert attended["Total"] == "42"
    assert {row.cells[0].text for row in tables["Ethnicity"].rows[1:]} == {
        "White British",
        "Not recorded",
    }
    pdf = pypdfium2.PdfDocument(str(tmp_path / "yearly.pdf"))
    flat = " ".join(
        " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).split()
    )
    for heading in HEADINGS:
        assert heading in flat
    html = (tmp_path / "yearly.html").read_text()
    assert "<title>Yearly report on child safeguarding practice reviews" in html
    assert "Reviews not published, and why" in html
    assert AuditEvent.objects.filter(
        action="export", object_repr="yearly report (pdf) for 2024-04-01 to 2025-03-31"
    ).exists()


def test_the_periodic_report_is_still_the_default(
    partnership: Partnership, tmp_path: Path, capsysbinary: pytest.CaptureFixture
) -> None:
    fill_the_year(partnership)
    call_command("report", *PERIOD, "--format", "json")
    figures = json.loads(capsysbinary.readouterr().out)
    assert "kind" not in figures and "learning_events" not in figures
    call_command(
        "report", *PERIOD, "--format", "docx", "-o", str(tmp_path / "r.docx"), stderr=io.StringIO()
    )
    assert Document(str(tmp_path / "r.docx")).paragraphs[0].text == "Summary report on case reviews"
    assert AuditEvent.objects.filter(
        action="export", object_repr="report (docx) for 2024-04-01 to 2025-03-31"
    ).exists()


def test_a_kind_the_command_does_not_know_exits_2(
    partnership: Partnership, capsys: pytest.CaptureFixture
) -> None:
    command = ["casereview", "report", *PERIOD, "--format", "json", "--kind", "weekly"]
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(command).execute()
    assert exited.value.code == 2
    assert "argument --kind: invalid choice: 'weekly'" in capsys.readouterr().err


def test_the_page_shows_the_yearly_report_and_keeps_its_kind_in_the_downloads(
    client_as: Callable, partnership: Partnership
) -> None:
    fill_the_year(partnership)
    client = client_as("scrutiny")
    periodic = client.get(reverse("reports:report"), QUERY).content.decode()
    assert "Periodic report for the board" in periodic and "Yearly report" in periodic
    assert "kind=yearly" not in periodic
    assert 'value="periodic" checked' in periodic  # a period without a kind is the periodic one
    page = client.get(reverse("reports:report"), {**QUERY, "kind": "yearly"}).content.decode()
    assert '<h1 class="govuk-heading-l">Yearly report</h1>' in page
    assert "5. Learning events and attendance" in page
    download = reverse("reports:download", args=["json"])
    assert f"{download}?date_from_0=1&amp;date_from_1=4" in page
    assert "date_to_2=2025&amp;kind=yearly" in page, (
        "the download links keep the kind of report shown"
    )
    figures = client.get(download, {**QUERY, "kind": "yearly"})
    assert json.loads(figures.content)["kind"] == "yearly"
    word = client.get(reverse("reports:download", args=["docx"]), {**QUERY, "kind": "yearly"})
    assert (
        'filename="yearly-report-oscb-2024-04-01-to-2025-03-31.docx"' in word["Content-Disposition"]
    )
    assert Document(io.BytesIO(word.content)).paragraphs[0].text.startswith("Yearly report")
    bad = client.get(reverse("reports:report"), {**QUERY, "kind": "weekly"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
