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


class ReportSettings(PartnershipOwned):
    """Who the partnership's board paper is by and for: its author and chair, the subgroup
    that writes it and the agencies it draws its members from, and the board it goes to.
    The paper leaves a marked gap where one is not set: nothing is assumed."""

    board = models.CharField(
        "Who the report goes to",
        max_length=200,
        blank=True,
        help_text='The board or group that receives the report, as "the last report to …" '
        'names it: for example, "the Performance Scrutiny group".',
    )
    subgroup = models.CharField(
        "The subgroup that writes the report",
        max_length=200,
        blank=True,
        help_text='For example, "the Case Review and Governance subgroup".',
    )
    subgroup_members = models.ManyToManyField(
        "accounts.Agency",
        blank=True,
        related_name="+",
        verbose_name="The agencies the subgroup draws its members from",
    )
    author = models.CharField(
        "Who the report is by",
        max_length=200,
        blank=True,
        help_text='A role, not a name, for example "the Deputy Director for Children\'s Social Care".',
    )
    chair = models.CharField(
        "Who chairs the subgroup",
        max_length=200,
        blank=True,
        help_text='A role, for example "the Head of Safeguarding". Leave empty if the author chairs it.',
    )
    updated = models.DateTimeField(auto_now=True)

    permission_resource = "reports"

    class Meta:
        verbose_name_plural = "report settings"
        constraints = [
            models.UniqueConstraint(fields=["partnership"], name="one_report_settings_each")
        ]

    def __str__(self) -> str:
        return "Report settings"
