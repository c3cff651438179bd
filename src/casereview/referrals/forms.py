from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import QueryDict

from casereview.accounts.models import Agency
from casereview.core.choices import YesNoUnknown
from casereview.core.forms import (
    PARTIAL_HINT,
    SUMMARY_HINT,
    GovUKForm,
    ModelMultipleChoiceField,
    partial_date,
    radios,
)
from casereview.referrals.choices import (
    AbuseOrNeglect,
    Consideration,
    CscInvolvement,
    DecisionOutcome,
    Framework,
    Harm,
    PanelResponse,
    RapidReviewRecommendation,
    ReferralDocumentKind,
    SafeguardingPartner,
    Sex,
)
from casereview.referrals.frameworkwords import words
from casereview.referrals.models import NOT_A_REAL_NAME


class AreaInput(forms.TextInput):
    """A text box for a local authority area that suggests the areas partnerships in the
    service cover (a datalist): any name may be typed, for an area not yet in the service."""

    template_name = "referrals/widgets/area_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.suggestions: list[str] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        list_id = f"{(attrs or {}).get('id') or name}-areas"
        context = super().get_context(name, value, {**(attrs or {}), "list": list_id})
        context["widget"]["suggestions"] = self.suggestions
        context["widget"]["list_id"] = list_id
        return context


AREA_HINT = (
    "The local authority area, like Oxfordshire. Leave blank if not known. The areas of "
    "partnerships in the service are suggested as you type."
)


def area_field(label: str, help_text: str = AREA_HINT) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=100, help_text=help_text, widget=AreaInput
    )


class ReferralForm(GovUKForm):
    received = partial_date("Date the referral was received", required=True)
    referred_by: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label="Referred by", queryset=None, empty_label="Select an agency"
    )
    aware = partial_date("Date the partnership became aware of the incident")
    incident_date = partial_date("Date of the incident")
    harm = radios("What happened to the child", Harm.choices)
    suspected_suicide = forms.BooleanField(
        label="The child died by suspected suicide", required=False
    )
    death_in_custody = forms.BooleanField(
        label="The child died in custody, a secure setting, or detained under mental health law",
        required=False,
    )
    abuse_or_neglect = radios("Is abuse or neglect known or suspected?", AbuseOrNeglect.choices)
    interagency_concern = radios(
        "Is there cause for concern about how agencies worked together?",
        YesNoUnknown.choices,
        initial=YesNoUnknown.UNKNOWN,
    )
    framework = forms.ChoiceField(
        label="Guidance that applies",
        choices=[("", "Work it out from the nation and the date of awareness"), *Framework.choices],
        required=False,
    )
    notified = partial_date("Date the notification was made")
    summary = forms.CharField(
        label="Summary", widget=forms.Textarea(attrs={"rows": 4}), help_text=SUMMARY_HINT
    )
    child_lives_in = area_field("Where the child lives")
    harm_happened_in = area_field("Where the harm happened")
    lead_agreed = area_field(
        "Area agreed to lead, if the partnerships agreed otherwise",
        "Leave blank unless the partnerships agreed between them that the other area's "
        "partnership leads. The partnership where the harm happened leads otherwise.",
    )

    error_messages = {
        "received": "Enter the date the referral was received",
        "referred_by": "Select the agency that referred the case",
        "harm": "Select what happened to the child",
        "abuse_or_neglect": "Select whether abuse or neglect is known or suspected",
        "interagency_concern": "Select whether there is a concern about how agencies worked together",
        "summary": "Enter a short summary of the case",
    }

    AREA_FIELDS = ("child_lives_in", "harm_happened_in", "lead_agreed")

    def __init__(self, *args: Any, agencies: Any, areas: Iterable[str] = (), **kwargs: Any) -> None:
        """`areas`: the local authority areas partnerships in the service cover."""
        super().__init__(*args, **kwargs)
        self.offer("referred_by", agencies)
        for name, message in self.error_messages.items():
            self.fields[name].error_messages["required"] = message
        self.areas = {area.casefold(): area for area in areas}
        for name in self.AREA_FIELDS:
            widget = self.fields[name].widget
            assert isinstance(widget, AreaInput)
            widget.suggestions = sorted(self.areas.values(), key=str.casefold)

    def clean(self) -> dict[str, Any]:
        """An area typed in another case or spacing is the known area's name."""
        cleaned = super().clean() or {}
        for name in self.AREA_FIELDS:
            typed = " ".join((cleaned.get(name) or "").split())
            if name in cleaned:
                cleaned[name] = self.areas.get(typed.casefold(), typed)
        return cleaned


class NewReferralForm(ReferralForm):
    """A new referral names its first child; more can be added from the referral's page."""

    child_pseudonym = forms.CharField(
        label="Pseudonym of the child", max_length=100, help_text=NOT_A_REAL_NAME
    )
    child_sex = radios("Sex of the child", Sex.choices, initial=Sex.NOT_RECORDED)
    # The references of the likely duplicates the page has warned of (the person goes on by
    # saying it is a different referral): the same form sent again, with the warning seen.
    duplicates_shown = forms.CharField(required=False, widget=forms.HiddenInput)

    RECORD_ANYWAY = "This is a different referral: record it anyway"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child_pseudonym"].error_messages["required"] = "Enter the child's pseudonym"
        if self.is_bound and self.data.get("duplicates_shown"):
            self.offer_record_anyway()

    def offer_record_anyway(self) -> None:
        """Ask the person, warned of a likely duplicate, whether to record it all the same."""
        if "record_anyway" not in self.fields:
            self.fields["record_anyway"] = forms.BooleanField(
                label=self.RECORD_ANYWAY, required=False
            )

    def warn_of(self, references: list[str]) -> None:
        """Show the form again, warned of the referrals it may repeat: nothing is saved until
        the person says it is a different referral. Sent again unconfirmed, it says so."""
        warned_before = bool(self.data.get("duplicates_shown"))
        data: Any = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data["duplicates_shown"] = ",".join(references)
        self.data = data
        self.offer_record_anyway()
        if warned_before:
            self.add_error(
                "record_anyway",
                f"Select \u201c{self.RECORD_ANYWAY}\u201d to record it, or check "
                f"{' and '.join(references)} first",
            )


class ChildForm(GovUKForm):
    pseudonym = forms.CharField(label="Pseudonym", max_length=100, help_text=NOT_A_REAL_NAME)
    sex = radios("Sex", Sex.choices, initial=Sex.NOT_RECORDED)
    age_years = forms.IntegerField(
        label="Age in years at the incident",
        required=False,
        min_value=0,
        max_value=24,
        help_text="Leave blank if not recorded. 0 for a baby under one.",
    )
    age_months = forms.IntegerField(
        label="And months, for a child under two", required=False, min_value=0, max_value=11
    )
    ethnicity = forms.CharField(
        label="Ethnicity", required=False, max_length=100, help_text="As recorded"
    )
    disability_or_sen = radios(
        "Disability or special educational needs",
        YesNoUnknown.choices,
        initial=YesNoUnknown.UNKNOWN,
    )
    cp_plan_at_incident = radios(
        "On a child protection plan at the time", YesNoUnknown.choices, initial=YesNoUnknown.UNKNOWN
    )
    looked_after_at_incident = radios(
        "Looked after at the time", YesNoUnknown.choices, initial=YesNoUnknown.UNKNOWN
    )
    csc_involvement = radios(
        "Involvement of children's social care",
        CscInvolvement.choices,
        initial=CscInvolvement.UNKNOWN,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pseudonym"].error_messages["required"] = "Enter the child's pseudonym"
        self.fields["age_years"].error_messages["max_value"] = "Age in years must be 24 or less"
        self.fields["age_months"].error_messages["max_value"] = "Months must be 11 or less"


class DecisionForm(GovUKForm):
    date = partial_date("Date of the decision", required=True)
    outcome = radios("Decision", DecisionOutcome.choices)
    rationale = forms.CharField(
        label="Reasons for the decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The national panel will read these. Say how the criteria apply to the facts. "
        "If the reasons were not recorded at the time, leave this empty: the report's notes "
        "will say so.",
    )
    considerations = forms.MultipleChoiceField(
        label="What the case shows, of the matters for a local review",
        choices=Consideration.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Working Together 2018 and later: what the safeguarding partners took into "
        "account in deciding whether to hold a local child safeguarding practice review.",
    )

    def __init__(self, *args: Any, asks_considerations: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date of the decision"
        self.fields["outcome"].error_messages["required"] = "Select the decision"
        if not asks_considerations:  # guidance before 2018 names no such matters
            del self.fields["considerations"]
        else:  # from 2018 the Child Safeguarding Practice Review Panel reads them
            rationale = self.fields["rationale"]
            rationale.help_text = rationale.help_text.replace("The national panel", "The Panel")


class SubmissionForm(GovUKForm):
    submitted = partial_date("Date it was sent to the national panel", required=True)
    notified = partial_date("Date the Panel was notified of the serious incident", required=True)

    def __init__(self, *args: Any, asks_notification: bool = False, **kwargs: Any) -> None:
        """`asks_notification`: under Working Together 2018 and later, where no notification is
        recorded, the date it was made is asked with the submission, since the Panel receives
        only a case notified to it."""
        super().__init__(*args, **kwargs)
        self.fields["submitted"].error_messages["required"] = "Enter the date it was sent"
        if asks_notification:
            self.fields["submitted"].label = "Date it was sent to the Panel"
            notified = self.fields["notified"]
            notified.error_messages["required"] = (
                "Enter the date the Panel was notified of the serious incident: the Panel "
                "receives a case only once it is notified"
            )
            notified.help_text = (
                "The notification to Ofsted and the Child Safeguarding Practice Review Panel, "
                f"due within 5 working days of the partnership learning of it. {PARTIAL_HINT}"
            )
        else:
            del self.fields["notified"]


class PanelResponseForm(GovUKForm):
    response = radios("The national panel's response", PanelResponse.choices)
    response_date = partial_date("Date of the response")
    note = forms.CharField(
        label="Note for the partnership",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Where the panel disagrees, say why; where it asks for more information, "
        "say what.",
    )

    def __init__(self, *args: Any, framework: str | None = None, **kwargs: Any) -> None:
        """`framework`: the case's, whose words name the responses ("Agrees", "Disagrees and
        asks the partnership to reconsider" from 2018)."""
        super().__init__(*args, **kwargs)
        said = words(framework)
        response = self.fields["response"]
        assert isinstance(response, forms.ChoiceField)
        response.choices = list(said.responses)
        response.label = f"{said.panel_short[0].upper()}{said.panel_short[1:]}'s response"
        response.error_messages["required"] = "Select the panel's response"


class LocalResponseForm(GovUKForm):
    local_response = forms.CharField(
        label="The partnership's reply",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the partnership did or sent: for example, the safeguarding partners "
        "reconsidered the decision and kept it, or the information the Panel asked for.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_response"].error_messages["required"] = (
            "Enter the partnership's reply to the national panel"
        )


class RapidReviewForm(GovUKForm):
    meeting = partial_date("Date of the rapid review meeting")
    agencies: ModelMultipleChoiceField = ModelMultipleChoiceField(
        label="Agencies whose information it drew on",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    immediate_actions = forms.CharField(
        label="Immediate actions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What was done at once to keep the child and other children safe.",
    )
    recommendation = radios(
        "What the rapid review recommends",
        RapidReviewRecommendation.choices,
        initial=RapidReviewRecommendation.UNDECIDED,
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("agencies", agencies)
        self.fields["recommendation"].error_messages["required"] = (
            "Select what the rapid review recommends"
        )


class SignOffForm(GovUKForm):
    partner = radios("Which safeguarding partner agreed the rapid review?", ())

    def __init__(self, *args: Any, partners: list[SafeguardingPartner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.value, p.label) for p in partners]
        field.error_messages["required"] = "Select the safeguarding partner who agreed it"


class SendToPanelForm(GovUKForm):
    sent_to_panel = partial_date("Date it was sent to the Panel", required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sent_to_panel"].error_messages["required"] = "Enter the date it was sent"


class ReferralDocumentForm(GovUKForm):
    """A document an agency sent about the case: its files are uploaded on its own page."""

    title = forms.CharField(
        label="Title", max_length=300, help_text="As the agency calls it, like Health chronology"
    )
    kind = radios("Kind of document", ReferralDocumentKind.choices)
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label="Sent by",
        queryset=None,
        required=False,
        empty_label="Not an agency's",
        help_text="The agency whose document it is",
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("agency", agencies)
        self.fields["title"].error_messages["required"] = "Enter the document's title"
        self.fields["kind"].error_messages["required"] = "Select the kind of document"
