from __future__ import annotations

from django.db import models

from casereview.core.tenancy import PartnershipOwned


class ReportNarrative(PartnershipOwned):
    """What only people can write for a period's report: kept per period, edited on the page,
    and shown as a visible gap in the document while it is missing."""

    date_from = models.DateField()
    date_to = models.DateField()
    national_context = models.TextField(blank=True)
    family_contribution = models.TextField(blank=True)
    outcomes = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    permission_resource = "reports"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "date_from", "date_to"], name="one_narrative_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"Narrative for {self.date_from} to {self.date_to}"
