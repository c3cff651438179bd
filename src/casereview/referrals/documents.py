"""The rapid review as a Word document, in the shape partnerships send the Child Safeguarding
Practice Review Panel: the case, the agencies it drew on, the immediate actions, the matters
for a local review and the recommendation, and the sign-off of the three safeguarding
partners. A4, like every Word file the service writes for people to send on."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import Mm, Pt

from casereview.core.office import text
from casereview.referrals.choices import SafeguardingPartner
from casereview.referrals.models import RapidReview

A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)
SECTIONS = (
    "About the case",
    "The children",
    "Agencies whose information it drew on",
    "Immediate actions to keep children safe",
    "Whether a local child safeguarding practice review is needed",
    "Agreed by the safeguarding partners",
)
NOT_RECORDED = "Not recorded"


def rapid_review_docx(rapid_review: RapidReview) -> bytes:
    referral = rapid_review.referral
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    document.add_heading(text(f"Rapid review: {referral.reference}"), level=0)
    document.add_paragraph(text(referral.partnership.name))

    about, children, agencies, actions, criteria, partners = SECTIONS
    document.add_heading(about, level=1)
    _rows(
        document,
        [
            ("Incident", referral.incident_date_partial or NOT_RECORDED),
            ("What happened", referral.get_harm_display()),
            ("Abuse or neglect", referral.get_abuse_or_neglect_display()),
            ("Partnership aware", referral.aware_partial or NOT_RECORDED),
            ("Notified", referral.notified_partial or "Not yet"),
            ("Rapid review meeting", rapid_review.meeting_partial or NOT_RECORDED),
            ("Sent to the Panel", rapid_review.sent_to_panel_partial or "Not yet"),
        ],
    )
    if referral.summary:
        document.add_paragraph(text(referral.summary))

    document.add_heading(children, level=1)
    for child in referral.children.all():
        details = [child.get_sex_display(), child.age.lower()]
        if child.ethnicity:
            details.append(child.ethnicity)
        looked_after = child.get_looked_after_at_incident_display().lower()
        details.append(f"looked after at the time: {looked_after}")
        document.add_paragraph(text(f"{child.pseudonym}: {', '.join(details)}"), "List Bullet")

    document.add_heading(agencies, level=1)
    names = [agency.name for agency in rapid_review.agencies.all()]
    for name in names or [NOT_RECORDED]:
        document.add_paragraph(text(name), style="List Bullet")

    document.add_heading(actions, level=1)
    document.add_paragraph(text(rapid_review.immediate_actions or NOT_RECORDED))

    document.add_heading(criteria, level=1)
    document.add_paragraph(
        text(f"The rapid review recommends: {rapid_review.get_recommendation_display()}.")
    )
    decision = getattr(referral, "decision", None)
    if decision is not None and decision.considerations:
        document.add_paragraph("What the case shows, of the matters for a local review:")
        for label in decision.consideration_labels:
            document.add_paragraph(text(label), style="List Bullet")
    if decision is not None and decision.rationale:
        document.add_paragraph(text(f"Reasons: {decision.rationale}"))

    document.add_heading(partners, level=1)
    _rows(
        document,
        [
            (
                partner.label,
                "Agreed" if partner.value in rapid_review.signed_off_by else "Not yet agreed",
            )
            for partner in SafeguardingPartner
        ],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rows(document: WordDocument, rows: list[tuple[str, object]]) -> None:
    """A two-column table of what and its value."""
    grid = document.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for label, value in rows:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = text(label), text(value)
