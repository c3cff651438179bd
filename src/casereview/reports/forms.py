from __future__ import annotations

from typing import Any

from django import forms

from casereview.core.forms import GovUKForm, ModelMultipleChoiceField, radios
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
    """Who every report is by and for (the partnership's settings), then the period's text."""

    author = forms.CharField(
        label="Who the report is by",
        required=False,
        max_length=200,
        help_text='A role, not a name: for example, "the Deputy Director for Children\'s Social Care". Every report takes it.',
    )
    chair = forms.CharField(
        label="Who chairs the subgroup",
        required=False,
        max_length=200,
        help_text='A role: for example, "the Head of Safeguarding". Leave it empty if the author chairs the subgroup.',
    )
    subgroup = forms.CharField(
        label="The subgroup that writes the report",
        required=False,
        max_length=200,
        help_text='For example, "the Case Review and Governance subgroup".',
    )
    subgroup_members: ModelMultipleChoiceField = ModelMultipleChoiceField(
        label="The agencies the subgroup draws its members from",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    board = forms.CharField(
        label="Who the report goes to",
        required=False,
        max_length=200,
        help_text='The board or group that receives it, as in "since the last report to …": for example, "the Performance Scrutiny group".',
    )
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

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("subgroup_members", agencies)
