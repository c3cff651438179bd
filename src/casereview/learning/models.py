from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from casereview.core.fields import PartialDateAccessor, precision_field
from casereview.core.partialdates import PartialDate
from casereview.core.rules import refuse
from casereview.core.tenancy import RestrictedQuerySet
from casereview.core.writes import today
from casereview.learning import rules
from casereview.themes.models import Theme


class LearningEvent(models.Model):
    """A learning event for practitioners, drawing on reviews."""

    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.PROTECT, related_name="+"
    )
    external_key = models.CharField(max_length=100, blank=True)
    date = models.DateField()
    date_precision = precision_field()
    title = models.CharField(max_length=300)
    themes = models.ManyToManyField(Theme, related_name="learning_events", blank=True)
    reviews = models.ManyToManyField("reviews.Review", related_name="learning_events", blank=True)
    attendance = models.PositiveIntegerField(default=0)

    objects = RestrictedQuerySet.as_manager()
    permission_resource = "learning events"

    date_partial = PartialDateAccessor[PartialDate]("date")

    class Meta:
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        counts = self.attendance_by_agency.values_list("attended", flat=True) if self.pk else []
        refuse(
            rules.learning_event_problems(
                date=self.date_partial,
                attendance=self.attendance,
                by_agency=counts,
                today=today(),
            )
        )

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        return Q(partnership_id=membership.partnership_id)


class EventAttendance(models.Model):
    """How many came to a learning event from one agency."""

    event = models.ForeignKey(
        LearningEvent, on_delete=models.CASCADE, related_name="attendance_by_agency"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    attended = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "agency"], name="one_count_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.attended}"
