from __future__ import annotations

from django import forms

from casereview.core.forms import GovUKForm, radios
from casereview.learning.forms import PeriodForm
from casereview.reports.figures import KINDS, PERIODIC, YEARLY

FORMAT_CHOICES = [
    ("docx", "Word (the board paper, to edit)"),
    ("pdf", "PDF"),
    ("html", "Web page"),
    ("json", "Figures as JSON"),
]


KIND_CHOICES = [(PERIODIC, "Periodic report for the board"), (YEARLY, "Yearly report")]
assert [code for code, _ in KIND_CHOICES] == list(KINDS)


class ReportPeriodForm(PeriodForm):
    """The kind and period of the report; a missing date falls back to the last financial
    year, a missing kind to the periodic report."""

    kind = radios(
        "Report",
        KIND_CHOICES,
        required=False,
        help_text="The yearly report is the one Working Together 2023 asks the partners to publish.",
    )

    field_order = ["kind", "date_from", "date_to"]

    def chosen_kind(self) -> str:
        kind = self.cleaned_data.get("kind") if self.is_bound and self.is_valid() else None
        return kind or PERIODIC


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
