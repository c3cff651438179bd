"""Every change to partnerships, agencies and people. Each writes its audit row."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.concurrency import refuse_if_stale

AGENCY_FIELDS = ("name", "kind", "external_key")
MEMBERSHIP_FIELDS = ("role", "agency", "is_active")
USER_FIELDS = ("full_name", "email")


def create_partnership(*, code: str, name: str, nation: str, acting_user: Any) -> Partnership:
    with transaction.atomic():
        partnership = Partnership(code=code, name=name, nation=nation)
        partnership.full_clean()
        partnership.save()
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=partnership,
            partnership=partnership,
            changes={"after": {"code": code, "name": name, "nation": nation}},
        )
    return partnership


def create_agency(
    partnership: Partnership, *, name: str, kind: str, external_key: str = "", acting_user: Any
) -> Agency:
    with transaction.atomic():
        agency = Agency(partnership=partnership, name=name, kind=kind, external_key=external_key)
        agency.full_clean()
        agency.save()
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=agency,
            changes={"after": audit.snapshot(agency, AGENCY_FIELDS)},
        )
    return agency


def change_agency(
    agency: Agency, *, acting_user: Any, read_at: int | None = None, **values: Any
) -> Agency:
    with transaction.atomic():
        refuse_if_stale([agency], read_at, values)
        before = audit.snapshot(agency, AGENCY_FIELDS)
        for name, value in values.items():
            if name not in AGENCY_FIELDS:
                raise ValueError(f"an agency has no field {name!r} to change")
            setattr(agency, name, value)
        agency.full_clean()
        agency.save()
        changed = audit.difference(before, audit.snapshot(agency, AGENCY_FIELDS))
        if changed:
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=agency, changes=changed)
    return agency


def add_person(
    partnership: Partnership,
    *,
    username: str,
    full_name: str,
    email: str,
    role: str,
    agency: Agency | None,
    password: str,
    acting_user: Any,
) -> Membership:
    """A new person with a first password, and their role in the partnership."""
    with transaction.atomic():
        user = User(username=username, full_name=full_name, email=email)
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        membership = Membership(partnership=partnership, user=user, role=role, agency=agency)
        membership.full_clean()
        membership.save()
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=membership,
            partnership=partnership,
            changes={
                "after": {
                    "username": username,
                    **audit.snapshot(user, USER_FIELDS),
                    **audit.snapshot(membership, MEMBERSHIP_FIELDS),
                }
            },
        )
    return membership


def change_person(
    membership: Membership,
    *,
    acting_user: Any,
    full_name: str,
    email: str,
    role: str,
    agency: Agency | None,
    is_active: bool,
    read_at: int | None = None,
) -> Membership:
    """Change a person's details and their role in this partnership (not in any other)."""
    user = membership.user
    with transaction.atomic():
        sent = {"full_name": full_name, "email": email, "role": role, "agency": agency}
        refuse_if_stale([user, membership], read_at, sent | {"is_active": is_active})
        before = audit.snapshot(user, USER_FIELDS) | audit.snapshot(membership, MEMBERSHIP_FIELDS)
        user.full_name, user.email = full_name, email
        membership.role, membership.agency, membership.is_active = role, agency, is_active
        user.full_clean()
        membership.full_clean()
        user.save(update_fields=["full_name", "email"])
        membership.save(update_fields=["role", "agency", "is_active"])
        after = audit.snapshot(user, USER_FIELDS) | audit.snapshot(membership, MEMBERSHIP_FIELDS)
        changed = audit.difference(before, after)
        if changed:
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=membership, changes=changed)
    return membership


def set_password(user: User, *, new_password: str, acting_user: Any) -> None:
    """A new password, set by the person themselves or by their business manager."""
    with transaction.atomic():
        validate_password(new_password, user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit.record(
            AuditAction.CHANGE,
            actor=acting_user,
            obj=user,
            object_repr=f"password of {user.username}",
            changes={"password": {"before": "(hidden)", "after": "(changed)"}},
        )


def record_sign_in(user: User) -> None:
    audit.record(AuditAction.SIGN_IN, actor=user, obj=user)


def record_failed_sign_in(attempted_username: str) -> None:
    audit.record(
        AuditAction.SIGN_IN_FAILED,
        actor=None,
        actor_username=attempted_username[:150],
        object_repr=f"sign-in as {attempted_username[:150]!r}",
    )


def record_sign_out(user: User) -> None:
    audit.record(AuditAction.SIGN_OUT, actor=user, obj=user)
