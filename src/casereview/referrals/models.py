from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from casereview.accounts.choices import Role
from casereview.core.choices import YesNoUnknown
from casereview.core.fields import PartialDateAccessor, precision_field
from casereview.core.partialdates import PartialDate
from casereview.core.rules import refuse
from casereview.core.tenancy import PartnershipOwned, RestrictedQuerySet
from casereview.core.writes import today
from casereview.referrals import frameworkwords, rules
from casereview.referrals.choices import (
    AbuseOrNeglect,
    Consideration,
    CscInvolvement,
    DecisionOutcome,
    Framework,
    Harm,
    Outcome,
    PanelResponse,
    RapidReviewRecommendation,
    ReferralDocumentKind,
    SafeguardingPartner,
    Sex,
)

NOT_A_REAL_NAME = "A pseudonym as used in the published review, like Child J. Never a real name."


class Child(PartnershipOwned):
    """A child a referral or review is about, known only by pseudonym."""

    external_key = models.CharField(max_length=100, blank=True)
    pseudonym = models.CharField(max_length=100, help_text=NOT_A_REAL_NAME)
    sex = models.CharField(max_length=12, choices=Sex.choices, default=Sex.NOT_RECORDED)
    age_years = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(24)]
    )
    age_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(11)]
    )
    ethnicity = models.CharField(max_length=100, blank=True)
    disability_or_sen = models.CharField(
        max_length=7, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    cp_plan_at_incident = models.CharField(
        max_length=7, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    looked_after_at_incident = models.CharField(
        max_length=7, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    csc_involvement = models.CharField(
        max_length=8, choices=CscInvolvement.choices, default=CscInvolvement.UNKNOWN
    )

    permission_resource = "children"

    class Meta:
        ordering = ["pseudonym", "pk"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "external_key"],
                condition=~Q(external_key=""),
                name="child_external_key_unique_in_partnership",
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym

    def clean(self) -> None:
        refuse(rules.child_age_problems(age_years=self.age_years, age_months=self.age_months))

    @property
    def age(self) -> str:
        if self.age_years is None and self.age_months is None:
            return "Not recorded"
        if self.age_years in (None, 0) and self.age_months is not None:
            return f"{self.age_months} month{'s' if self.age_months != 1 else ''}"
        years = f"{self.age_years} year{'s' if self.age_years != 1 else ''}"
        return f"{years} {self.age_months} months" if self.age_months else years


class ReferralQuerySet(RestrictedQuerySet["Referral"]):
    def awaiting_decision(self) -> Self:
        """Referrals with no decision: NOT EXISTS, which PostgreSQL answers with an index probe
        per referral, where a LEFT JOIN ... IS NULL hashed the nation's decisions (ADR 0019)."""
        return self.filter(~models.Exists(Decision.objects.filter(referral=models.OuterRef("pk"))))


class Referral(PartnershipOwned):
    """A case brought to the subgroup for consideration of a review."""

    reference = models.CharField(max_length=40)
    external_key = models.CharField(max_length=100, blank=True)
    received = models.DateField()
    received_precision = precision_field()
    referred_by = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="referrals"
    )
    aware = models.DateField(null=True, blank=True)
    aware_precision = precision_field()
    incident_date = models.DateField(null=True, blank=True)
    incident_date_precision = precision_field()
    children = models.ManyToManyField(Child, related_name="referrals")
    harm = models.CharField(max_length=12, choices=Harm.choices)
    suspected_suicide = models.BooleanField(default=False)
    death_in_custody = models.BooleanField(default=False)
    abuse_or_neglect = models.CharField(max_length=13, choices=AbuseOrNeglect.choices)
    interagency_concern = models.CharField(
        max_length=7, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    framework = models.CharField(max_length=12, choices=Framework.choices, blank=True)
    notified = models.DateField(null=True, blank=True)
    notified_precision = precision_field()
    summary = models.TextField(blank=True)
    # The local authority areas (as partnerships name them; blank: not recorded), and the
    # area whose partnership leads where the partnerships agreed otherwise than the guidance
    # says (rules.leading_area). Not in the exchange format: an import keeps them.
    child_lives_in = models.CharField(
        "where the child lives", max_length=100, blank=True, help_text="The local authority area"
    )
    harm_happened_in = models.CharField(
        "where the harm happened",
        max_length=100,
        blank=True,
        help_text="The local authority area",
    )
    lead_agreed = models.CharField(
        "lead agreed",
        max_length=100,
        blank=True,
        help_text="The area whose partnership leads, where the partnerships agreed it",
    )

    # What the criteria engine advises, recomputed by the services whenever a fact changes.
    assessed_framework = models.CharField(max_length=12, choices=Framework.choices)
    assessed_outcome = models.CharField(max_length=24, choices=Outcome.choices, db_index=True)
    assessed_reasons = models.JSONField(default=list)
    notify_by = models.DateField(null=True, blank=True)
    decide_by = models.DateField(null=True, blank=True)
    rapid_review_by = models.DateField(null=True, blank=True)

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ReferralQuerySet.as_manager()  # type: ignore[misc]  # see PartnershipOwned.objects
    permission_resource = "referrals"

    received_partial = PartialDateAccessor[PartialDate]("received")
    aware_partial = PartialDateAccessor[PartialDate | None]("aware")
    incident_date_partial = PartialDateAccessor[PartialDate | None]("incident_date")
    notified_partial = PartialDateAccessor[PartialDate | None]("notified")

    # Set for a page of the register (ReferralListView.rows_shown), not stored.
    pseudonyms: list[str]

    class Meta:
        ordering = ["-received", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="referral_reference_unique"
            ),
            models.UniqueConstraint(
                fields=["partnership", "external_key"],
                condition=~Q(external_key=""),
                name="referral_external_key_unique_in_partnership",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "received"])]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        refuse(
            [
                *rules.referral_date_problems(
                    today=today(),
                    received=self.received_partial,
                    aware=self.aware_partial,
                    incident_date=self.incident_date_partial,
                    notified=self.notified_partial,
                ),
                *rules.lead_agreed_problems(
                    child_lives_in=self.child_lives_in,
                    harm_happened_in=self.harm_happened_in,
                    lead_agreed=self.lead_agreed,
                ),
            ]
        )


class ReferenceCounter(models.Model):
    """The last reference number given in a partnership's year; numbers are never reused."""

    partnership = models.ForeignKey("accounts.Partnership", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_counter_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id} {self.year}: {self.last_number}"


class Decision(models.Model):
    """The subgroup's decision on a referral, with its reasons."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="decision")
    date = models.DateField()
    date_precision = precision_field()
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    rationale = models.TextField(blank=True, help_text="Empty when the reasons were not recorded")
    considerations = models.JSONField(
        default=list,
        blank=True,
        help_text="Which of the matters for a local review the case shows (Consideration codes)",
    )
    review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        help_text="The review the decision led to",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    date_partial = PartialDateAccessor[PartialDate]("date")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.referral})"

    @property
    def consideration_labels(self) -> list[str]:
        """The matters for a local review the case shows, in words, in their order."""
        return [c.label for c in Consideration if c.value in self.considerations]

    @property
    def may_lead_to_review(self) -> bool:
        """A decision to review, or to review another way, that no review records yet."""
        return self.review_id is None and self.outcome != DecisionOutcome.NO_REVIEW

    def clean(self) -> None:
        received = self.referral.received_partial if self.referral_id else None
        refuse(
            [
                *rules.decision_date_problems(
                    today=today(), decision_date=self.date_partial, received=received
                ),
                *rules.decision_review_problems(
                    outcome=self.outcome, names_review=self.review_id is not None
                ),
                *rules.codes_problems("considerations", self.considerations),
            ],
            {"decision_date": "date"},
        )

    @property
    def partnership(self) -> Any:
        """The audit trail files the decision under its referral's partnership."""
        return self.referral.partnership


# What the Panel's responses that ask the partnership something say, besides contesting.
PANEL_ASKS: dict[str, str] = {
    PanelResponse.MORE_INFORMATION: "{panel} asks for more information.",
    PanelResponse.NATIONAL_REVIEW: "{panel} is considering a national review.",
}


# The Panel's responses that ask the partnership to reply (contest, more information, a
# national review under consideration).
ASKS_FOR_REPLY = (
    PanelResponse.CONTESTED,
    PanelResponse.MORE_INFORMATION,
    PanelResponse.NATIONAL_REVIEW,
)
# A submission waits for the Panel: it has not responded yet, or the partnership has replied
# to what it asked. A partial index holds these alone (ADR 0019): the national panel's home.
WAITS_FOR_PANEL = Q(response=PanelResponse.AWAITING) | (
    Q(response__in=ASKS_FOR_REPLY, reply_due=False) & ~Q(local_response="")
)


class PanelSubmissionQuerySet(RestrictedQuerySet["PanelSubmission"]):
    def contested_unanswered(self) -> Self:
        """The Panel asked the partnership something (it contested the decision, asked for
        more information or considers a national review) and the partnership has not replied."""
        return self.filter(reply_due=True)


class PanelSubmission(PartnershipOwned):
    """What the partnership sent the national panel about a referral, and its response."""

    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="panel_submission"
    )
    submitted = models.DateField()
    submitted_precision = precision_field()
    response = models.CharField(
        max_length=20, choices=PanelResponse.choices, default=PanelResponse.AWAITING
    )
    response_date = models.DateField(null=True, blank=True)
    response_date_precision = precision_field()
    response_note = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    local_response = models.TextField(blank=True)
    # The Panel's latest response asks for the partnership's reply, not given since.
    reply_due = models.BooleanField(default=False)

    objects = PanelSubmissionQuerySet.as_manager()  # type: ignore[misc]  # see PartnershipOwned.objects
    permission_resource = "panel submissions"

    submitted_partial = PartialDateAccessor[PartialDate]("submitted")
    response_date_partial = PartialDateAccessor[PartialDate | None]("response_date")

    class Meta:
        ordering = ["-submitted", "-pk"]
        indexes = [
            # The national panel's register, newest first, paged by this key (ADR 0019).
            models.Index(fields=["-submitted", "-id"], name="submission_register_idx"),
            # Its home page: the submissions waiting for it, oldest first.
            models.Index(
                fields=["submitted", "id"],
                condition=WAITS_FOR_PANEL,
                name="submission_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Submission of {self.referral}"

    @property
    def awaits_local_response(self) -> bool:
        """The national panel asked the partnership something and it has not replied."""
        return self.reply_due

    @property
    def what_the_panel_asks(self) -> str:
        """What the Panel's response asks of the partnership, in a sentence in the words of
        the case's framework ("the Panel" from 2018, "the national panel" before)."""
        said = frameworkwords.words(self.referral.assessed_framework)
        if self.response == PanelResponse.CONTESTED:
            return said.contested_decision
        asks = PANEL_ASKS.get(self.response)
        if asks is None:
            return ""
        return asks.format(panel=f"{said.panel_short[0].upper()}{said.panel_short[1:]}")

    def clean(self) -> None:
        received = self.referral.received_partial if self.referral_id else None
        refuse(
            [
                *rules.submission_date_problems(
                    today=today(),
                    submitted=self.submitted_partial,
                    received=received,
                    response_date=self.response_date_partial,
                ),
                *rules.panel_response_problems(
                    response=self.response,
                    response_date=self.response_date_partial,
                    local_response=self.local_response,
                ),
            ]
        )

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        if membership.role == Role.NATIONAL_PANEL:
            return Q()  # the national panel sees the submissions of every partnership
        return Q(partnership_id=membership.partnership_id)


class RapidReview(PartnershipOwned):
    """The rapid review of a serious incident notified to the Panel (England, Working
    Together 2018 and later): the safeguarding partners' first look at the case, agreed by
    each of the three partners and sent to the Child Safeguarding Practice Review Panel."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="rapid_review")
    meeting = models.DateField(null=True, blank=True)
    meeting_precision = precision_field()
    agencies = models.ManyToManyField(
        "accounts.Agency",
        blank=True,
        related_name="rapid_reviews",
        help_text="The agencies whose information it drew on",
    )
    immediate_actions = models.TextField(blank=True)
    recommendation = models.CharField(
        max_length=10,
        choices=RapidReviewRecommendation.choices,
        default=RapidReviewRecommendation.UNDECIDED,
    )
    signed_off_by = models.JSONField(
        default=list, blank=True, help_text="The safeguarding partners who have agreed it"
    )
    sent_to_panel = models.DateField(null=True, blank=True)
    sent_to_panel_precision = precision_field()

    permission_resource = "rapid reviews"

    meeting_partial = PartialDateAccessor[PartialDate | None]("meeting")
    sent_to_panel_partial = PartialDateAccessor[PartialDate | None]("sent_to_panel")

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Rapid review of {self.referral}"

    @property
    def partners_to_sign(self) -> list[SafeguardingPartner]:
        """The safeguarding partners who have not agreed it yet, in their order."""
        return [p for p in SafeguardingPartner if p.value not in self.signed_off_by]

    @property
    def signed_off_labels(self) -> list[str]:
        return [p.label for p in SafeguardingPartner if p.value in self.signed_off_by]

    def clean(self) -> None:
        refuse(
            [
                *rules.rapid_review_date_problems(
                    today=today(),
                    meeting=self.meeting_partial,
                    sent_to_panel=self.sent_to_panel_partial,
                ),
                *rules.codes_problems("signed_off_by", self.signed_off_by),
            ]
        )

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        if membership.role == Role.NATIONAL_PANEL:
            # the national panel sees the rapid reviews sent to it, from every partnership
            return Q(sent_to_panel__isnull=False)
        return Q(partnership_id=membership.partnership_id)


class ReferralDocument(PartnershipOwned):
    """A document an agency sends about a referred case (its report or chronology for the
    rapid review), kept on the referral. Its files are the documents app's (ReferralFile)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=24, choices=ReferralDocumentKind.choices)
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="referral_documents",
        null=True,
        blank=True,
        help_text="The agency that sent it",
    )
    title = models.CharField(max_length=300)

    # Part of the referral: who may see or add one is who may see or change the referral.
    permission_resource = "referrals"

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.agency is not None and self.agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "Select one of the partnership's agencies"})
