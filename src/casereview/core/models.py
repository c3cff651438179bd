from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.core.choices import SIGN_IN_ACTIONS, AuditAction
from casereview.core.tenancy import RestrictedQuerySet

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    """One row of the append-only audit trail.

    Each row carries the hash of the row before it, so an edited or deleted row breaks the
    chain and `casereview audit verify` names it. Rows are written by `core.audit.record`
    only, in the same transaction as the change they describe.
    """

    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=True,
    )
    actor_username = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, blank=True)
    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = RestrictedQuerySet.as_manager()
    permission_resource = "audit trail"

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # A partnership's trail, newest first, paged by id (ADR 0019).
            models.Index(fields=["partnership", "-id"], name="audit_trail_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        return Q(partnership_id=membership.partnership_id)

    def content(self) -> dict[str, Any]:
        """Everything the hash covers: the whole row but its id and its own hash."""
        return {
            "occurred_at": self.occurred_at.isoformat(),
            "actor": self.actor_id,
            "actor_username": self.actor_username,
            "role": self.role,
            "partnership": self.partnership_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "request_id": self.request_id,
            "previous_hash": self.previous_hash,
        }

    def compute_hash(self) -> str:
        """The row's seal: HMAC-SHA256 of its content under AUDIT_KEY, which only the service
        holds, so a row cannot be rewritten and resealed from the database alone."""
        canonical = json.dumps(self.content(), sort_keys=True, separators=(",", ":"), default=str)
        return seal(canonical)


def seal(text: str) -> str:
    return hmac.new(settings.AUDIT_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


class SignInAttempt(AuditEvent):
    """The audit trail's failed sign-ins and lockouts: what a service administrator watches."""

    permission_resource = "sign-ins"
    service_admin_resource = "sign-ins"

    class Meta:
        proxy = True
        ordering = ["-id"]

    @classmethod
    def reach(cls, membership: Any, action: str) -> Q:
        return Q(pk__in=[])  # failed sign-ins belong to no partnership

    @classmethod
    def service_admin_reach(cls, action: str) -> Q:
        return Q(action__in=SIGN_IN_ACTIONS)
