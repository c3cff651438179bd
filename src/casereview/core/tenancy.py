"""Tenancy: every queryset that reaches a user goes through `restrict(user, action)`.

A model that belongs to a partnership declares which line of the permission table governs it
(`permission_resource`) and, when a role sees only part of the partnership's records, narrows
`reach()`. Anything outside a user's reach is never listed, counted or found: views answer 404.

The permission table is accounts' (accounts/permissions.py), with the roles and memberships it
speaks of; accounts hands it to tenancy when Django starts (`use_permission_table`, from
AccountsConfig.ready), so core, below accounts, imports nothing of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, Self, TypeAlias, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from casereview.accounts.models import User

    # Whoever asks: a person, a visitor not signed in (a public page), or nobody (the system).
    Person: TypeAlias = "User | AnonymousUser | None"


class Member(Protocol):
    """What tenancy reads of a membership (accounts.Membership): its role and partnership."""

    @property
    def role(self) -> str: ...

    @property
    def partnership_id(self) -> int: ...


class PermissionTable(Protocol):
    """Who may do what (accounts/permissions.py): by role inside a partnership, and as a
    service administrator above partnerships."""

    def role_may(self, role: str, action: str, resource: str) -> bool: ...

    def service_admin_may(self, action: str, resource: str) -> bool: ...


_permission_table: PermissionTable | None = None


def use_permission_table(table: PermissionTable) -> None:
    """Make `table` the one every check consults. Called once, by accounts, at start-up."""
    global _permission_table
    _permission_table = table


def permission_table() -> PermissionTable:
    if _permission_table is None:
        raise ImproperlyConfigured(
            "No permission table: casereview.accounts, which gives it, is not installed"
        )
    return _permission_table


def active_membership(user: Person) -> Member | None:
    """The membership a signed-in user is acting in (set by ActiveMembershipMiddleware)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "active_membership", None)


def is_service_admin(user: Person) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "is_service_admin", False)
    )


def user_may(user: Person, action: str, resource: str) -> bool:
    table = permission_table()
    membership = active_membership(user)
    if membership is not None and table.role_may(membership.role, action, resource):
        return True
    return is_service_admin(user) and table.service_admin_may(action, resource)


_M = TypeVar("_M", bound=models.Model)


class RestrictedQuerySet(models.QuerySet[_M, _M]):
    def restrict(self, user: Person, action: str = "view") -> Self:
        table = permission_table()
        membership = active_membership(user)
        model: Any = self.model  # declares permission_resource and reach() (PartnershipOwned)
        resource = model.permission_resource
        if membership is not None and table.role_may(membership.role, action, resource):
            return self.filter(model.reach(membership, action))
        # Only the few kinds of record that sign-in administration needs declare a resource
        # and a reach for service administrators; no case record does.
        service_resource = getattr(model, "service_admin_resource", None)
        if (
            service_resource is not None
            and is_service_admin(user)
            and table.service_admin_may(action, service_resource)
        ):
            return self.filter(model.service_admin_reach(action))
        return self.none()


class PartnershipOwned(models.Model):
    """A record that belongs to one partnership."""

    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.PROTECT, related_name="+"
    )

    # A subclass with a queryset of its own says `objects = ItsQuerySet.as_manager()` with
    # `# type: ignore[misc]`: django-stubs counts the manager here as a class variable and the
    # subclass's as an instance variable (typeddjango/django-stubs#1713), though both are the
    # same kind of manager, and as_manager()'s type has no name to annotate it with.
    objects = RestrictedQuerySet.as_manager()

    permission_resource: str = ""

    class Meta:
        abstract = True

    @classmethod
    def reach(cls, membership: Member, action: str) -> Q:
        """The records of this kind a member may act on; narrowed per role by subclasses."""
        return Q(partnership_id=membership.partnership_id)
