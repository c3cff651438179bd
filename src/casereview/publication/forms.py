from __future__ import annotations

from django import forms

from casereview.core.forms import GovUKForm, radios
from casereview.publication.choices import Resolution

DECISIONS = [
    (Resolution.TO_BE_REMOVED, "Removed in the next version"),
    (Resolution.ACCEPTABLE, "Acceptable in the published report"),
]


class FindingDecisionForm(GovUKForm):
    resolution = radios("What will happen to these words?", DECISIONS)
    reason = forms.CharField(
        label="Why they are acceptable (or a note)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when they are acceptable: a public agency's name, say, or a date "
        "already in the public domain.",
    )


class AcceptableNameForm(GovUKForm):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="As written in reports: an agency's or a professional's name, say.",
    )


ACCEPT, REJECT = "accept", "reject"  # the buttons' values on the list of suggestions


class SuggestionDecisionForm(GovUKForm):
    accept = forms.TypedChoiceField(
        label="Is this one of the review's themes?",
        choices=[(ACCEPT, "Yes: accept it"), (REJECT, "No: reject it")],
        coerce=lambda value: value == ACCEPT,
        widget=forms.RadioSelect,
    )
