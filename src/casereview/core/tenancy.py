"""Tenancy: every queryset that reaches a user goes through `restrict(user, action)`.

A model that belongs to a partnership declares which line of the permission table governs it
(`permission_resource`) and, when a role sees only part of the partnership's records, narrows
`reach()`. Anything outside a user's reach is never listed, counted or found: views answer 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from casereview.accounts.permissions import role_may

if TYPE_CHECKING:
    from casereview.accounts.models import Membership


def active_membership(user: Any) -> Membership | None:
    """The membership a signed-in user is acting in (set by ActiveMembershipMiddleware)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "active_membership", None)


def user_may(user: Any, action: str, resource: str) -> bool:
    membership = active_membership(user)
    return membership is not None and role_may(membership.role, action, resource)


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        membership = active_membership(user)
        resource = self.model.permission_resource
        if membership is None or not role_may(membership.role, action, resource):
            return self.none()
        return self.filter(self.model.reach(membership, action))


class PartnershipOwned(models.Model):
    """A record that belongs to one partnership."""

    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.PROTECT, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    permission_resource: str = ""

    class Meta:
        abstract = True

    @classmethod
    def reach(cls, membership: Membership, action: str) -> Q:
        """The records of this kind a member may act on; narrowed per role by subclasses."""
        return Q(partnership_id=membership.partnership_id)
