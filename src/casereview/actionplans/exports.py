"""Action plans as the files subgroups circulate: an Excel workbook and a Word progress report."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from casereview.actionplans.selectors import Row
from casereview.core.office import cell, text
from casereview.core.partialdates import PartialDate


def dated(partial: PartialDate | None) -> dt.date | str | None:
    """A full date as a real date; one known to the month or year as text ("March 2021"):
    Excel holds no partial date, and 01/03/2021 would claim a day nobody gave."""
    if partial is None:
        return None
    return partial.display() if partial.is_approximate else partial.first_day


COLUMNS = [
    ("Review", 24, lambda r: r.action.recommendation.source_title),
    ("Recommendation", 8, lambda r: r.action.recommendation.number),
    ("Recommendation text", 50, lambda r: r.action.recommendation.text),
    ("Monitored by", 18, lambda r: r.action.recommendation.get_monitored_by_display()),
    ("Action", 50, lambda r: r.action.text),
    ("Agency", 28, lambda r: r.action.owner_agency.name),
    ("Due", 12, lambda r: dated(r.action.due_partial)),
    ("Status", 14, lambda r: r.action.get_status_display()),
    ("Completed", 12, lambda r: dated(r.action.completed_partial)),
    ("Rating", 8, lambda r: (r.rag or "").upper()),
    ("Latest update", 12, lambda r: r.latest.date if r.latest else None),
    ("Latest update text", 50, lambda r: r.latest.text if r.latest else ""),
]
DATE_COLUMNS = {"Due", "Completed", "Latest update"}


def action_plan_workbook(title: str, rows: list[Row]) -> bytes:
    """One row an action, a frozen header, filters on every column, dates as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append([cell(sheet, name, bold=True) for name, _, _ in COLUMNS])
    for row in rows:
        sheet.append(
            [
                cell(
                    sheet, value(row), number_format="DD/MM/YYYY" if name in DATE_COLUMNS else None
                )
                for name, _, value in COLUMNS
            ]
        )
    for index, (_, width, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(rows) + 1, 1)}"
    book.properties.title = text(title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def latest_words(update: Any) -> str:
    """The latest update as the progress report shows it: its date (where known), its text."""
    if update is None:
        return "None yet"
    when = f"{update.date.day} {update.date:%B %Y}" if update.date else "Date not known"
    return text(f"{when}: {update.text}")


def progress_report_docx(review: Any, recommendations: list[Any], rows: list[Row]) -> bytes:
    """Each recommendation, its actions, their status and latest update."""
    by_recommendation: dict[int, list[Row]] = {}
    for row in rows:
        by_recommendation.setdefault(row.action.recommendation_id, []).append(row)
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(text(f"Progress report: {review.title}"), level=0)
    document.add_paragraph(text(f"{review.get_type_display()}, {review.partnership.name}"))
    for recommendation in recommendations:
        document.add_heading(f"Recommendation {recommendation.number}", level=1)
        document.add_paragraph(text(recommendation.text))
        document.add_paragraph(
            f"{recommendation.get_scope_display()}; monitored by {recommendation.get_monitored_by_display().lower()}"
        )
        actions = by_recommendation.get(recommendation.pk, [])
        if not actions:
            document.add_paragraph("No actions recorded.")
            continue
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for heading_cell, heading in zip(
            table.rows[0].cells, ["Action", "Agency", "Due", "Status", "Latest update"], strict=True
        ):
            heading_cell.text = heading
        for row in actions:
            action = row.action
            cells = table.add_row().cells
            cells[0].text = text(action.text)
            cells[1].text = text(action.owner_agency.name)
            cells[2].text = action.due_partial.display() if action.due_partial else "Not known"
            cells[3].text = action.get_status_display()
            cells[4].text = latest_words(row.latest)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
