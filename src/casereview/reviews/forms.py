from __future__ import annotations

from typing import Any

from django import forms

from casereview.accounts.models import Agency, User
from casereview.core.forms import (
    PARTIAL_HINT,
    SUMMARY_HINT,
    DateField,
    GovUKForm,
    ModelMultipleChoiceField,
    partial_date,
    radios,
)
from casereview.referrals.choices import Framework
from casereview.reviews.choices import (
    DocumentKind,
    Methodology,
    ParallelProcessKind,
    ParallelProcessStatus,
    ReviewType,
)

# The review each framework's guidance commissions where the criteria are met.
STATUTORY_REVIEW: dict[str, str] = {
    Framework.WT2010: ReviewType.SCR,
    Framework.WT2013: ReviewType.SCR,
    Framework.WT2015: ReviewType.SCR,
    Framework.WT2018: ReviewType.LCSPR,
    Framework.WT2023: ReviewType.LCSPR,
    Framework.WALES_CPR: ReviewType.CHILD_PRACTICE_REVIEW_CONCISE,
    Framework.SCOTLAND_LR: ReviewType.LEARNING_REVIEW,
    Framework.NI_CMR: ReviewType.CASE_MANAGEMENT_REVIEW,
}


def default_review_type(
    framework: str, *, statutory: bool = True, on_plan_or_looked_after: bool = False
) -> str:
    """The type the review form offers first: the review the framework's guidance commissions
    (a local child safeguarding practice review from Working Together 2018, a serious case
    review before; in Wales an extended child practice review where a child was on the child
    protection register or looked after), or a partnership review where the decision was to
    review another way."""
    if not statutory:
        return ReviewType.PARTNERSHIP_REVIEW
    if framework == Framework.WALES_CPR and on_plan_or_looked_after:
        return ReviewType.CHILD_PRACTICE_REVIEW_EXTENDED
    return STATUTORY_REVIEW.get(framework, ReviewType.SCR)


def required(form: forms.Form, messages: dict[str, str]) -> None:
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class ReviewForm(GovUKForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="As it will be published, like Child J or Child A and Child B",
    )
    type = forms.ChoiceField(label="Type of review", choices=ReviewType.choices)
    methodology = forms.ChoiceField(
        label="Methodology", choices=[("", "Not chosen yet"), *Methodology.choices], required=False
    )
    methodology_note = forms.CharField(
        label="About the methodology",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example, no IMRs and no multi-agency practitioner events",
    )
    framework = forms.ChoiceField(
        label="Guidance", choices=[("", "Not recorded"), *Framework.choices], required=False
    )
    lead_reviewer = forms.CharField(label="Lead reviewer", required=False, max_length=200)
    commissioned = partial_date("Date commissioned", required=True)
    children = ModelMultipleChoiceField(
        label="Children", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = ModelMultipleChoiceField(
        label="Themes", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=SUMMARY_HINT,
    )

    def __init__(self, *args: Any, children: Any, themes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("children", children)
        self.offer("themes", themes)
        required(
            self,
            {
                "title": "Enter the review's title",
                "type": "Select the type of review",
                "commissioned": "Enter the date the review was commissioned",
            },
        )


class HoldForm(GovUKForm):
    """Why the review is put on hold (the guard checks a parallel process is ongoing)."""

    hold_reason = forms.CharField(
        label="Why it is being put on hold",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, waiting for the criminal trial to end. The home page and the "
        "review's page show it.",
    )


class ResumeForm(GovUKForm):
    """Resuming a review asks nothing more."""


class ConfirmedStepForm(GovUKForm):
    """A step taken with things still open on the review (reviews/cautions.py): the page names
    them, and the step goes ahead once the person confirms it should. With nothing open, the
    form asks nothing more."""

    go_ahead = forms.BooleanField(required=False)
    go_ahead_label = ""  # "Sign it off with these still open"

    def __init__(self, *args: Any, cautions: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cautions = cautions or []
        if self.cautions:  # asked last, below what the step records
            self.fields["go_ahead"] = self.fields.pop("go_ahead")
            self.fields["go_ahead"].label = self.go_ahead_label
        else:
            del self.fields["go_ahead"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.cautions and not cleaned.get("go_ahead"):
            self.add_error(
                "go_ahead",
                f"Select \u201c{self.go_ahead_label}\u201d to go ahead, or go back to the review",
            )
        return cleaned


class SignOffForm(ConfirmedStepForm):
    go_ahead_label = "Sign it off with these still open"
    signed_off = DateField(
        label="Date the board signed it off",
        required=False,
        allow_partial=True,
        help_text=f"{PARTIAL_HINT} If the date is not known, leave it empty: the review is "
        "recorded as signed off, and the report's notes say the date is not known.",
    )


class PublishForm(ConfirmedStepForm):
    go_ahead_label = "Record publication with these still open"
    published = DateField(
        label="Date it was published", required=False, allow_partial=True, help_text=PARTIAL_HINT
    )


class WithholdForm(GovUKForm):
    """Publish or explain: when the partnership decided, why, and what it published instead."""

    decided_not_to_publish = DateField(
        label="Date the partnership decided not to publish it",
        required=False,
        allow_partial=True,
        help_text=PARTIAL_HINT,
    )
    reason = forms.CharField(
        label="Why it will not be published",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, to protect the welfare of the child's siblings",
    )
    published_instead = forms.CharField(
        label="What was published instead (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a learning summary for practitioners",
    )


class ReportSentForm(GovUKForm):
    sent_to_panel = DateField(
        label="Date the final report was sent",
        required=False,
        allow_partial=True,
        help_text=f"{PARTIAL_HINT} Leave it empty to take back a date recorded in error.",
    )


TRANSITION_FORMS = {
    "hold": HoldForm,
    "resume": ResumeForm,
    "complete": SignOffForm,
    "publish": PublishForm,
    "withhold": WithholdForm,
}


class DelayForm(GovUKForm):
    delay_reason = forms.CharField(
        label="Why the review is taking longer than six months",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Boards must be told of delays and their reasons.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required(self, {"delay_reason": "Enter why the review is delayed"})


class ParallelProcessForm(GovUKForm):
    kind = radios("Kind of process", ParallelProcessKind.choices)
    status = radios("Status", ParallelProcessStatus.choices, initial=ParallelProcessStatus.ONGOING)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required(self, {"kind": "Select the kind of process", "status": "Select its status"})


class FamilyContributionForm(GovUKForm):
    member = forms.CharField(
        label="Family member",
        max_length=100,
        help_text="Their relationship to the child, like mother or grandfather. Never a name.",
    )
    date = partial_date("Date of the contribution")
    facilitated_by: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label="Facilitated by",
        queryset=None,
        required=False,
        empty_label="No agency",
        help_text="For example, the police family liaison officer",
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("facilitated_by", agencies)
        required(self, {"member": "Enter which family member contributed"})


class DocumentForm(GovUKForm):
    kind = radios("Kind of document", DocumentKind.choices)
    title = forms.CharField(label="Title", max_length=300)
    url = forms.URLField(
        assume_scheme="https",
        label="Web address",
        required=False,
        max_length=500,
        help_text="Where it is published, if it is",
    )
    published = partial_date("Date published")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required(
            self, {"kind": "Select the kind of document", "title": "Enter the document's title"}
        )
        self.fields["url"].error_messages["invalid"] = (
            "Enter a web address in the correct format, like https://www.example.org/report.pdf"
        )


class LearningPointForm(GovUKForm):
    text = forms.CharField(label="Learning point", widget=forms.Textarea(attrs={"rows": 4}))
    themes = ModelMultipleChoiceField(
        label="Themes", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, themes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("themes", themes)
        required(self, {"text": "Enter the learning point"})


class LearningSummaryForm(GovUKForm):
    background = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences, with no detail that could identify the child or family beyond the published pseudonym.",
    )
    why_it_matters = forms.CharField(
        label="Why it matters", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    questions = forms.CharField(
        label="Questions to reflect on",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line",
    )
    further_information = forms.CharField(
        label="Find out more", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required(self, {"background": "Enter what happened"})


class AssignReviewerForm(GovUKForm):
    reviewer: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label="Independent reviewer", queryset=None, empty_label="Select a reviewer"
    )

    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("reviewer", reviewers)
        required(self, {"reviewer": "Select the reviewer to assign"})


class NationalReviewForm(GovUKForm):
    """A national review the Panel published, as the partnership records it."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="As the Panel published it, like The myth of invisible men",
    )
    published = partial_date("Date published", required=True)
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it is about, in a few sentences, if you want to say",
    )
    link = forms.URLField(
        assume_scheme="https",
        label="Web address",
        required=False,
        max_length=500,
        help_text="Where the Panel published it",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required(
            self,
            {
                "title": "Enter the national review's title",
                "published": "Enter the date the Panel published it",
            },
        )
        self.fields["link"].error_messages["invalid"] = (
            "Enter a web address in the correct format, like https://www.example.org/review.pdf"
        )
