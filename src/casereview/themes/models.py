from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from casereview.core.tenancy import RestrictedQuerySet
from casereview.themes.choices import ThemeGroup

theme_code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{1,49}$", "Use lower-case letters, digits and underscores, like county_lines"
)


class Theme(models.Model):
    """A safeguarding theme (spec/themes.md). National themes have no partnership and cannot be
    changed here; a partnership may add its own. Reviews, their learning points and learning
    events are tagged with themes."""

    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    code = models.CharField(max_length=50, validators=[theme_code_validator])
    group = models.CharField(max_length=10, choices=ThemeGroup.choices)
    label = models.CharField(max_length=100)
    covers = models.CharField(max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()
    permission_resource = "themes"

    class Meta:
        ordering = ["group", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(partnership__isnull=True), name="national_theme_code"
            ),
            models.UniqueConstraint(fields=["partnership", "code"], name="partnership_theme_code"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_national(self) -> bool:
        return self.partnership_id is None

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        if action == "view":
            return Q(partnership__isnull=True) | Q(partnership_id=membership.partnership_id)
        return Q(partnership_id=membership.partnership_id)
