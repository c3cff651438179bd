from __future__ import annotations

from django import forms

from casereview.core.forms import GovUKForm
from casereview.learning.forms import PeriodForm

FORMAT_CHOICES = [
    ("docx", "Word (the board paper, to edit)"),
    ("pdf", "PDF"),
    ("html", "Web page"),
    ("json", "Figures as JSON"),
]


class ReportPeriodForm(PeriodForm):
    """The period of the report; a missing date falls back to the last financial year."""


class NarrativeForm(GovUKForm):
    national_context = forms.CharField(
        label="National context",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="National guidance, reforms and findings that bear on the period's work.",
    )
    family_contribution = forms.CharField(
        label="Family contribution",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="How families were involved, and who made it possible.",
    )
    outcomes = forms.CharField(
        label="Outcomes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What changed in practice because of the reviews. Leave a blank line between paragraphs.",
    )
