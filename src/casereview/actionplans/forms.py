from __future__ import annotations

from typing import Any

from django import forms

from casereview.accounts.models import Agency
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.actionplans.models import FIRST_NUMBER, LAST_NUMBER
from casereview.core.forms import PARTIAL_HINT, DateField, GovUKForm, partial_date, radios


def required(form: forms.Form, messages: dict[str, str]) -> None:
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class RecommendationForm(GovUKForm):
    number = forms.IntegerField(
        label="Number",
        min_value=FIRST_NUMBER,
        max_value=LAST_NUMBER,
        help_text="As numbered in the review's report",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 4}))
    scope = radios("Scope", Scope.choices, initial=Scope.MULTI_AGENCY)
    lead_agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label="Lead agency", queryset=None, required=False, empty_label="No single lead"
    )
    monitored_by = radios(
        "Monitored by", MonitoringGroup.choices, initial=MonitoringGroup.EXECUTIVE
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("lead_agency", agencies)
        required(
            self,
            {
                "number": "Enter the recommendation's number",
                "text": "Enter the recommendation",
                "scope": "Select its scope",
                "monitored_by": "Select who monitors it",
            },
        )
        self.fields["number"].error_messages["min_value"] = f"Number must be {FIRST_NUMBER} or more"
        self.fields["number"].error_messages["max_value"] = f"Number must be {LAST_NUMBER} or less"


class ActionForm(GovUKForm):
    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}))
    owner_agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label="Agency that owns it", queryset=None, empty_label="Select an agency"
    )
    due = DateField(
        label="Due by",
        required=False,
        allow_partial=True,
        help_text=f"{PARTIAL_HINT} Leave it empty if no due date has been set.",
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("owner_agency", agencies)
        required(
            self,
            {
                "text": "Enter the action",
                "owner_agency": "Select the agency that owns the action",
            },
        )


class ProgressUpdateForm(GovUKForm):
    date = DateField(
        label="Date of the update",
        required=False,
        help_text="For example, 27 3 2017. Leave it empty if the date is not known.",
    )
    text = forms.CharField(
        label="What has been done",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say what changed in practice and how you know.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required(self, {"text": "Enter what has been done"})


class StatusForm(GovUKForm):
    status = radios("Status", ActionStatus.choices)
    completed = partial_date("Date completed")
    cancelled_reason = forms.CharField(
        label="If cancelled, why", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, statuses: list[str] | None = None, **kwargs: Any) -> None:
        """`statuses`: those the person may set (selectors.statuses_offered); all if None."""
        super().__init__(*args, **kwargs)
        required(self, {"status": "Select the action's status"})
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        if statuses is not None:
            field.choices = [(s, ActionStatus(s).label) for s in statuses]
            field.error_messages["invalid_choice"] = (
                "Select one of the statuses offered. Only members of the monitoring group can "
                "verify an action, once it is completed"
            )
        if statuses is None or ActionStatus.VERIFIED in statuses:
            field.help_text = (
                "Verified means the monitoring group has seen evidence of impact and signed it off."
            )
