from __future__ import annotations

from typing import Any, Self

from django.conf import settings
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
from casereview.referrals import rules
from casereview.referrals.choices import (
    AbuseOrNeglect,
    CscInvolvement,
    DecisionOutcome,
    Framework,
    Harm,
    Outcome,
    PanelResponse,
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
        return self.filter(decision__isnull=True)


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
            rules.referral_date_problems(
                today=today(),
                received=self.received_partial,
                aware=self.aware_partial,
                incident_date=self.incident_date_partial,
                notified=self.notified_partial,
            )
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
            ],
            {"decision_date": "date"},
        )

    @property
    def partnership(self) -> Any:
        """The audit trail files the decision under its referral's partnership."""
        return self.referral.partnership


class PanelSubmissionQuerySet(RestrictedQuerySet["PanelSubmission"]):
    def contested_unanswered(self) -> Self:
        return self.filter(response=PanelResponse.CONTESTED, local_response="")


class PanelSubmission(PartnershipOwned):
    """What the partnership sent the national panel about a referral, and its response."""

    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="panel_submission"
    )
    submitted = models.DateField()
    submitted_precision = precision_field()
    response = models.CharField(
        max_length=10, choices=PanelResponse.choices, default=PanelResponse.AWAITING
    )
    response_date = models.DateField(null=True, blank=True)
    response_date_precision = precision_field()
    response_note = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    local_response = models.TextField(blank=True)

    objects = PanelSubmissionQuerySet.as_manager()  # type: ignore[misc]  # see PartnershipOwned.objects
    permission_resource = "panel submissions"

    submitted_partial = PartialDateAccessor[PartialDate]("submitted")
    response_date_partial = PartialDateAccessor[PartialDate | None]("response_date")

    class Meta:
        ordering = ["-submitted", "-pk"]

    def __str__(self) -> str:
        return f"Submission of {self.referral}"

    @property
    def awaits_local_response(self) -> bool:
        """The national panel contested the decision and the partnership has not answered."""
        return self.response == PanelResponse.CONTESTED and not self.local_response

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
