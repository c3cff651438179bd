"""The learning summary as Word and PDF: one or two pages a partnership can circulate.

Built from the review's title (the published pseudonym), type, themes and learning points and
the text its author wrote: no other detail about the child or family.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from docx import Document
from docx.shared import Pt

from casereview.core.office import text
from casereview.reviews.models import Review


@dataclass(frozen=True)
class SummaryContent:
    title: str
    review_type: str
    partnership: str
    background: str
    why_it_matters: str
    themes: list[str]
    learning_points: list[str]
    questions: list[str]
    further_information: str


def summary_content(review: Review) -> SummaryContent:
    text = getattr(review, "learning_summary", None)
    return SummaryContent(
        title=review.title,
        review_type=review.get_type_display(),
        partnership=review.partnership.name,
        background=text.background if text else review.summary,
        why_it_matters=text.why_it_matters if text else "",
        themes=[theme.label for theme in review.themes.all()],
        learning_points=[point.text for point in review.learning_points.all()],
        questions=[
            line.strip() for line in (text.questions if text else "").splitlines() if line.strip()
        ],
        further_information=text.further_information if text else "",
    )


def learning_summary_docx(review: Review) -> bytes:
    content = summary_content(review)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.add_heading(text(f"Learning summary: {content.title}"), level=0)
    document.add_paragraph(text(f"{content.review_type}, {content.partnership}"))
    sections = [
        ("What happened", [content.background] if content.background else []),
        ("Why it matters", [content.why_it_matters] if content.why_it_matters else []),
    ]
    for heading, paragraphs in sections:
        if paragraphs:
            document.add_heading(heading, level=1)
            for paragraph in paragraphs:
                document.add_paragraph(text(paragraph))
    document.add_heading("Themes", level=1)
    for theme in content.themes or ["No themes recorded yet"]:
        document.add_paragraph(text(theme), style="List Bullet")
    document.add_heading("What we learned", level=1)
    for point in content.learning_points or ["No learning points recorded yet"]:
        document.add_paragraph(text(point), style="List Number")
    if content.questions:
        document.add_heading("Questions to reflect on", level=1)
        for question in content.questions:
            document.add_paragraph(text(question), style="List Bullet")
    if content.further_information:
        document.add_heading("Find out more", level=1)
        document.add_paragraph(text(content.further_information))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def learning_summary_pdf(review: Review) -> bytes:
    from casereview.core import pdf  # imported here: it loads Pango, which only PDF needs

    html = render_to_string(
        "reviews/learning_summary_print.html", {"content": summary_content(review)}
    )
    return pdf.write_pdf(html)
