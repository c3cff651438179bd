from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from casereview.accounts.choices import Role
from casereview.actionplans import rules
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.core.fields import PartialDateAccessor, precision_field
from casereview.core.partialdates import PartialDate
from casereview.core.rules import refuse
from casereview.core.tenancy import PartnershipOwned, RestrictedQuerySet
from casereview.core.writes import today

# A review's recommendations are numbered as in its report.
FIRST_NUMBER, LAST_NUMBER = 1, 999


class Recommendation(PartnershipOwned):
    """A recommendation of a review, as numbered in its report: a local review's, or a
    national review's (the Panel's recommendations that apply locally), never both."""

    review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    national_review = models.ForeignKey(
        "reviews.NationalReview",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    number = models.PositiveIntegerField(
        validators=[MinValueValidator(FIRST_NUMBER), MaxValueValidator(LAST_NUMBER)]
    )
    text = models.TextField()
    scope = models.CharField(max_length=14, choices=Scope.choices, default=Scope.MULTI_AGENCY)
    lead_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    monitored_by = models.CharField(
        max_length=14, choices=MonitoringGroup.choices, default=MonitoringGroup.EXECUTIVE
    )

    permission_resource = "recommendations"

    class Meta:
        ordering = ["review", "national_review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="one_number_per_review"),
            models.UniqueConstraint(
                fields=["national_review", "number"], name="one_number_per_national_review"
            ),
            models.CheckConstraint(
                condition=(Q(review__isnull=False) & Q(national_review__isnull=True))
                | (Q(review__isnull=True) & Q(national_review__isnull=False)),
                name="recommendation_of_one_review",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number} of {self.source}"

    @property
    def source(self) -> Any:
        """The review whose recommendation it is: the local review, or the national one."""
        return self.review if self.review_id is not None else self.national_review

    @property
    def source_title(self) -> str:
        """Its review as a page or a spreadsheet names it beside its number."""
        if self.review is not None:
            return self.review.title
        assert self.national_review is not None  # one or the other (the check constraint)
        return f"{self.national_review.title} (national review)"

    @property
    def is_national(self) -> bool:
        return self.national_review_id is not None

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        """Independent reviewers see the recommendations of their reviews: never a national
        review's."""
        in_partnership = Q(partnership_id=membership.partnership_id)
        if membership.role == Role.REVIEWER:
            return in_partnership & Q(review__assigned_reviewers=membership.user_id)
        return in_partnership


class ActionQuerySet(RestrictedQuerySet["AgencyAction"]):
    def open(self) -> Self:
        return self.filter(status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS])


class AgencyAction(PartnershipOwned):
    """An action an agency owns, under a recommendation, until its impact is shown."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    text = models.TextField()
    owner_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="actions"
    )
    due = models.DateField(null=True, blank=True, help_text="Empty when no due date is known")
    due_precision = precision_field()
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED, db_index=True
    )
    completed = models.DateField(null=True, blank=True)
    completed_precision = precision_field()
    cancelled_reason = models.TextField(blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_on = models.DateField(null=True, blank=True)
    last_update = models.DateField(
        null=True,
        blank=True,
        help_text="The date of the latest progress update (kept by the services)",
    )
    position = models.PositiveIntegerField(default=0)

    objects = ActionQuerySet.as_manager()  # type: ignore[misc]  # see PartnershipOwned.objects
    permission_resource = "actions"

    due_partial = PartialDateAccessor[PartialDate | None]("due")
    completed_partial = PartialDateAccessor[PartialDate | None]("completed")

    class Meta:
        ordering = ["recommendation", "position", "pk"]
        indexes = [models.Index(fields=["partnership", "status", "due"])]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        refuse(
            rules.action_completion_problems(
                status=self.status, completed=self.completed_partial, today=today()
            )
        )

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        """Agency leads see the actions of their own agency, across all reviews; no more."""
        in_partnership = Q(partnership_id=membership.partnership_id)
        if membership.role == Role.AGENCY_LEAD:
            return in_partnership & Q(owner_agency_id=membership.agency_id)
        if membership.role == Role.REVIEWER:
            return in_partnership & Q(recommendation__review__assigned_reviewers=membership.user_id)
        return in_partnership


class ProgressUpdate(models.Model):
    """A note of what has been done on an action, dated where the date is known."""

    action = models.ForeignKey(AgencyAction, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(null=True, blank=True, help_text="Empty when it is not known")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        # The latest first; an update of unknown date after the dated ones (on every database)
        ordering = [models.F("date").desc(nulls_last=True), "-pk"]

    def __str__(self) -> str:
        return f"{self.date or 'Date not known'}: {self.text[:60]}"

    def clean(self) -> None:
        refuse(rules.progress_update_problems(date=self.date, today=today()))

    @property
    def partnership(self) -> Any:
        return self.action.partnership


class GroupMember(PartnershipOwned):
    """A person who sits on a monitoring group: only members verify its actions."""

    group = models.CharField(max_length=14, choices=MonitoringGroup.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="monitoring_groups"
    )

    permission_resource = "monitoring"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "group", "user"], name="one_seat_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.get_group_display()}"


class ReminderSent(models.Model):
    """A reminder emailed about an action on a day: at most one a day per action."""

    action = models.ForeignKey(AgencyAction, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"Reminder for action {self.action_id} on {self.sent_on}"
