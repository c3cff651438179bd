"""The report in each form: JSON figures, HTML, PDF (from the HTML) and an editable Word paper."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from casereview.core import office
from casereview.core.charts import horizontal_bar_chart_png
from casereview.core.office import text
from casereview.reports.document import ReportDocument

FORMATS = {
    "json": ("application/json", "json"),
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def figures_json(figures: dict) -> bytes:
    return (json.dumps(figures, indent=2) + "\n").encode()


def as_json(report: ReportDocument) -> bytes:
    return figures_json(report.figures)


def html_context(report: ReportDocument) -> dict:
    return {
        "report": report,
        "running": {"title": css_string(report.title), "period": css_string(report.period)},
    }


def css_string(value: str) -> SafeString:
    """`value` as a quoted CSS string, for the running header of the printed pages: nothing in
    it can end the string, the rule or the style element."""
    escaped = "".join(
        character if character.isalnum() or character in " ,.:;'()-" else f"\\{ord(character):x} "
        for character in text(value)
    )
    return mark_safe(f'"{escaped}"')  # noqa: S308  every other character escaped above


def as_html(report: ReportDocument) -> bytes:
    return render_to_string("reports/report_standalone.html", html_context(report)).encode()


def as_pdf(report: ReportDocument) -> bytes:
    from casereview.core import pdf  # loads Pango: only PDFs need it

    return pdf.write_pdf(as_html(report).decode())


NOTES_HEADING = "Notes on the records, for the author"


def headings(report: ReportDocument) -> list[str]:
    """The headings of the paper, in order, as its contents list gives them."""
    return [section.heading for section in report.sections] + (
        [NOTES_HEADING] if report.notes else []
    )


def in_style(document: WordDocument, name: str) -> Callable[[str], Paragraph]:
    """A writer of paragraphs in the style `name`, looked up once: python-docx looks a style
    named at each paragraph up through every style of the file, which for the hundreds of
    bullets of a large partnership's report took seconds."""
    style_id = document.part.get_style_id(document.styles[name], WD_STYLE_TYPE.PARAGRAPH)

    def write(words: str) -> Paragraph:
        paragraph = document.add_paragraph(words)
        paragraph._p.style = style_id
        return paragraph

    return write


def as_docx(report: ReportDocument) -> bytes:
    document = Document()
    office.a4(document)
    office.describe(
        document,
        author=report.partnership,
        title=report.title,
        subject=f"{report.partnership}, {report.period}",
    )
    office.running_header(document, report.title, report.period)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    caption_style = document.styles["Caption"]
    caption_style.font.size, caption_style.font.italic = Pt(11), False
    caption_style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    width = office.text_width(document)
    bullet, caption_paragraph = in_style(document, "List Bullet"), in_style(document, "Caption")
    document.add_heading(text(report.title), level=0)
    document.add_paragraph(text(f"{report.partnership}\n{report.period}"))
    anchors = [f"_Toc_section_{number}" for number, _ in enumerate(headings(report), start=1)]
    office.keep_with_next(document.add_paragraph("Contents", style="TOC Heading"))
    office.contents(document, list(zip(headings(report), anchors, strict=True)))
    numbered = iter(enumerate(anchors, start=1))

    def heading(words: str) -> None:
        number, anchor = next(numbered)
        office.bookmark(
            office.keep_with_next(document.add_heading(text(words), level=1)), anchor, number
        )

    for section in report.sections:
        heading(section.heading)
        written = [document.add_paragraph(text(paragraph)) for paragraph in section.paragraphs]
        if section.gap:
            paragraph = document.add_paragraph()
            gap = paragraph.add_run(text(section.gap))
            gap.bold, gap.font.color.rgb = True, RGBColor(0xD4, 0x35, 0x1C)
            written.append(paragraph)
        written += [bullet(text(words)) for words in section.bullets]
        if section.charts and written:
            office.keep_with_next(written[-1])  # the text the chart illustrates, on its page
        for chart in section.charts:
            document.add_picture(
                io.BytesIO(horizontal_bar_chart_png(chart.title, chart.rows)),
                width=min(Cm(16), width),
            )
            picture = document.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_together = True
        for table in section.tables:
            caption = office.keep_with_next(caption_paragraph(""))
            caption.add_run(text(table.caption)).bold = True
            grid = document.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
                cell.text = text(header)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in table.rows:
                for cell, value in zip(grid.add_row().cells, row, strict=True):
                    cell.text = text(value)
            office.table_pages(grid)
    if report.notes:
        heading(NOTES_HEADING)
        for note in report.notes:
            bullet(text(note))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


RENDER = {"json": as_json, "html": as_html, "pdf": as_pdf, "docx": as_docx}
