"""The board paper as files a manager sends on unedited: the Word file on A4 in the
partnership's name, with the title and period at the top of each page, "Page N of M" at the
foot and a contents list; the PDF's pages A4, numbered, and never ending on a heading, a
caption or a table's header row, for the seed's report and for a long one."""

from __future__ import annotations

import datetime as dt
import io
from itertools import cycle, islice

import pypdfium2
import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Mm

from casereview.accounts.models import Partnership
from casereview.core.partialdates import PartialDate
from casereview.exchange.files import seed_document
from casereview.exchange.services import import_document
from casereview.reports.document import ReportDocument, Section, build
from casereview.reports.renderers import as_docx, as_pdf, css_string, headings
from casereview.reviews import services as reviews
from casereview.testing.records import make_action
from casereview.themes.models import Theme

pytestmark = pytest.mark.django_db
START, END = dt.date(2016, 1, 1), dt.date(2017, 1, 31)
POINTS_PER_MM = 72 / 25.4
# The page's margins in the print CSS: the running header above, the page number below.
TOP_MARGIN, BOTTOM_MARGIN = 22 * POINTS_PER_MM, 20 * POINTS_PER_MM


def seed_report(partnership: Partnership) -> ReportDocument:
    import_document(seed_document())
    return build(partnership, START, END, with_notes=True)


def long_report(partnership: Partnership, how_many: int) -> ReportDocument:
    """`how_many` reviews with a few themes each, learning points, half published, some with
    actions: a paper of many pages, with long tables, charts and lists."""
    themes = list(Theme.objects.filter(partnership=None).order_by("code"))
    for n in range(how_many):
        review = reviews.create_review(
            partnership,
            acting_user=None,
            themes=list(islice(cycle(themes), n, n + 1 + n % 4)),
            title=f"Child {n + 1:02d}",
            type="scr",
            methodology="reviewer_led",
            commissioned=PartialDate(dt.date(2016, 1 + n % 8, 1 + n % 28)),
            summary="An invented review, for a test of the pages. " * (1 + n % 3),
        )
        for point in range(n % 3):
            reviews.add_learning_point(
                review, text=f"Invented learning point {point + 1} of {n + 1}.", acting_user=None
            )
        if n % 2 == 0:
            reviews.sign_off_review(
                review, signed_off=PartialDate(dt.date(2016, 9, 1)), acting_user=None
            )
            reviews.publish_review(
                review, published=PartialDate(dt.date(2016, 12, 1)), acting_user=None
            )
        if n % 5 == 0:
            make_action(partnership, review=review)
    return build(partnership, START, END, with_notes=True)


def word_of(report: ReportDocument) -> WordDocument:
    return Document(io.BytesIO(as_docx(report)))


def test_the_word_file_is_a4_written_by_the_partnership(partnership: Partnership) -> None:
    report = seed_report(partnership)
    word = word_of(report)
    for section in word.sections:
        size = (section.page_width or 0, section.page_height or 0)
        assert (round(size[0] / Mm(1)), round(size[1] / Mm(1))) == (210, 297)
        margins = [section.left_margin, section.right_margin, section.top_margin]
        assert all(Mm(15) <= (margin or 0) <= Mm(30) for margin in margins)
    assert word.core_properties.author == "Oxfordshire Safeguarding Children Board"
    assert word.core_properties.title == "Summary report on case reviews"
    assert "python-docx" not in (word.core_properties.comments + word.core_properties.author)


def test_each_word_page_has_the_title_and_period_and_page_n_of_m(
    partnership: Partnership,
) -> None:
    report = seed_report(partnership)
    for section in word_of(report).sections:
        header = " ".join(p.text for p in section.header.paragraphs)
        assert "Summary report on case reviews" in header
        assert "1 January 2016 to 31 January 2017" in header
        footer = section.footer.paragraphs[0]
        fields = [code.text.split()[0] for code in footer._p.iter(qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]
        assert footer.text.strip().startswith("Page") and " of " in footer.text


def test_the_word_file_opens_with_a_contents_list_of_its_sections(
    partnership: Partnership,
) -> None:
    report = seed_report(partnership)
    word = word_of(report)
    listed = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "toc 1"]
    assert listed == headings(report)  # written out: right without Word updating anything
    assert "Notes on the records, for the author" in listed
    body = word.element.body
    codes = [code.text for code in body.iter(qn("w:instrText"))]
    assert any(code.strip().startswith("TOC") for code in codes)  # and Word's own field
    # Each entry is a link to its heading.
    anchors = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))]
    marks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    assert len(anchors) == len(listed) and set(anchors) <= marks


def test_word_headings_and_captions_go_with_what_follows_and_header_rows_repeat(
    partnership: Partnership,
) -> None:
    report = seed_report(partnership)
    word = word_of(report)
    for paragraph in word.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading") or style == "Caption":
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
    captions = [p.text for p in word.paragraphs if p.style and p.style.name == "Caption"]
    assert captions == [table.caption for section in report.sections for table in section.tables]
    assert len(word.tables) == len(captions)
    for table in word.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None


def page_lines(page: pypdfium2.PdfPage) -> list[str]:
    """The lines of text in the page's body (between the running header and the page
    number), top to bottom, as they are placed on the page."""
    _, height = page.get_size()
    textpage = page.get_textpage()
    boxes = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    boxes = [b for b in boxes if b[1] > BOTTOM_MARGIN and b[3] < height - TOP_MARGIN]
    lines: list[list[tuple[float, float, float, float]]] = []
    for box in sorted(boxes, key=lambda b: -b[3]):
        middle = (box[1] + box[3]) / 2
        if lines and min(b[1] for b in lines[-1]) <= middle:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [
        " ".join(
            " ".join(textpage.get_text_bounded(*box).split())
            for box in sorted(line, key=lambda b: b[0])
        ).strip()
        for line in lines
    ]


def what_must_not_end_a_page(report: ReportDocument) -> set[str]:
    """The title, each heading, caption and chart title, and each table's header row."""
    said = {report.title, "Contents", *headings(report)}
    for section in report.sections:
        said |= {table.caption for table in section.tables}
        said |= {" ".join(table.headers) for table in section.tables}
        said |= {chart.title for chart in section.charts}
    return {" ".join(words.split()) for words in said}


def check_pages(report: ReportDocument) -> int:
    """Every page A4, drawn, numbered "Page N of M", and ending on what follows a heading,
    never on the heading; the number of pages."""
    pdf = pypdfium2.PdfDocument(as_pdf(report))
    pages = len(pdf)
    headed = what_must_not_end_a_page(report)
    for index in range(pages):
        page = pdf[index]
        width, height = page.get_size()
        assert (round(width / POINTS_PER_MM), round(height / POINTS_PER_MM)) == (210, 297)
        image = page.render(scale=1).to_pil().convert("L")
        assert abs(image.width - width) <= 1 and abs(image.height - height) <= 1
        body = image.crop((0, round(TOP_MARGIN), image.width, image.height - round(BOTTOM_MARGIN)))
        inked = sum(body.histogram()[:128])  # dark pixels between the header and the footer
        assert inked > 300, f"page {index + 1} is all but blank"
        whole = " ".join(page.get_textpage().get_text_range().split())
        assert f"Page {index + 1} of {pages}" in whole
        assert report.title in whole and report.period in whole  # the running header
        lines = [line for line in page_lines(page) if line.strip("• ")]
        assert lines, f"page {index + 1} has no text"
        last = lines[-1].strip("• ")
        ends_a_heading = last in headed or any(
            words.endswith(last) for words in headed if len(last) >= 8
        )
        assert not ends_a_heading, f"page {index + 1} of {pages} ends with {last!r}"
    pdf.close()
    return pages


def test_the_seed_reports_pdf_pages_never_end_on_a_heading_or_caption(
    partnership: Partnership,
) -> None:
    report = seed_report(partnership)
    assert check_pages(report) >= 5


@pytest.mark.parametrize("how_many", [3, 17, 40])
def test_a_long_reports_pdf_pages_never_end_on_a_heading_or_caption(
    partnership: Partnership, how_many: int
) -> None:
    report = long_report(partnership, how_many)
    assert check_pages(report) >= 4


def test_the_pdf_is_the_partnerships_with_its_title(partnership: Partnership) -> None:
    pdf = pypdfium2.PdfDocument(as_pdf(seed_report(partnership)))
    metadata = pdf.get_metadata_dict()
    assert metadata["Author"] == "Oxfordshire Safeguarding Children Board"
    assert metadata["Title"].startswith("Summary report on case reviews")
    first = " ".join(pdf[0].get_textpage().get_text_range().split())
    pdf.close()
    assert "Contents" in first and "Annex 3: Glossary" in first  # the contents list, numbered


def test_the_yearly_report_is_laid_out_the_same(partnership: Partnership) -> None:
    long_report(partnership, 17)
    report = build(partnership, START, END, with_notes=True, kind="yearly")
    assert report.title.startswith("Yearly report")
    word = word_of(report)
    header = " ".join(p.text for p in word.sections[0].header.paragraphs)
    assert report.title in header and report.period in header
    assert word.core_properties.title == report.title
    listed = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "toc 1"]
    assert listed == headings(report)
    check_pages(report)


def test_the_running_header_prints_any_title_as_written() -> None:
    """Quotes, a backslash or markup in the title end neither the CSS string nor the style."""
    title = 'Child "Q" </style><h1>\\ report'
    report = ReportDocument(
        title=title,
        partnership="An invented partnership",
        period="1 January 2016 to 31 January 2017",
        figures={},
        sections=[Section("1. Introduction", ["Invented."])],
        notes=[],
    )
    assert '"' not in str(css_string(title))[1:-1]
    pdf = pypdfium2.PdfDocument(as_pdf(report))
    printed = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert printed.count(title) == 2  # the heading and the running header
