"""The report in each form: JSON figures, HTML, PDF (from the HTML) and an editable Word paper."""

from __future__ import annotations

import io
import json

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

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
    return {"report": report}


def as_html(report: ReportDocument) -> bytes:
    return render_to_string("reports/report_standalone.html", html_context(report)).encode()


def as_pdf(report: ReportDocument) -> bytes:
    from casereview.core import pdf  # loads Pango: only PDFs need it

    return pdf.write_pdf(as_html(report).decode())


def as_docx(report: ReportDocument) -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    document.add_heading(text(report.title), level=0)
    document.add_paragraph(text(f"{report.partnership}\n{report.period}"))
    for section in report.sections:
        document.add_heading(text(section.heading), level=1)
        for paragraph in section.paragraphs:
            document.add_paragraph(text(paragraph))
        if section.gap:
            gap = document.add_paragraph().add_run(text(section.gap))
            gap.bold, gap.font.color.rgb = True, RGBColor(0xD4, 0x35, 0x1C)
        for bullet in section.bullets:
            document.add_paragraph(text(bullet), style="List Bullet")
        for chart in section.charts:
            document.add_picture(
                io.BytesIO(horizontal_bar_chart_png(chart.title, chart.rows)), width=Cm(16)
            )
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for table in section.tables:
            caption = document.add_paragraph()
            caption.add_run(text(table.caption)).bold = True
            grid = document.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
                cell.text = text(header)
            for row in table.rows:
                for cell, value in zip(grid.add_row().cells, row, strict=True):
                    cell.text = text(value)
    if report.notes:
        document.add_heading("Notes on the records, for the author", level=1)
        for note in report.notes:
            document.add_paragraph(text(note), style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


RENDER = {"json": as_json, "html": as_html, "pdf": as_pdf, "docx": as_docx}
