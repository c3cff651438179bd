"""Every change to partnerships, agencies and people. Each writes its audit row."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from casereview.accounts import secondfactor
from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Membership, Partnership, User
from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.concurrency import refuse_if_stale
from casereview.core.tenancy import active_membership, is_service_admin

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
        user = _new_user(User(username=username, full_name=full_name, email=email), password)
        return _new_membership(
            partnership, user, role, agency, acting_user, audit.snapshot(user, USER_FIELDS)
        )


def _new_user(user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def _new_membership(
    partnership: Partnership,
    user: User,
    role: str,
    agency: Agency | None,
    acting_user: Any,
    about_the_user: dict[str, Any],
) -> Membership:
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
                "username": user.username,
                **about_the_user,
                **audit.snapshot(membership, MEMBERSHIP_FIELDS),
            }
        },
    )
    return membership


def may_change_identity(acting_user: Any, person: User) -> bool:
    """Whether `acting_user` may change `person`'s name, email, password or second factor.

    The person themselves may; so may a service administrator; and so may a business manager
    acting in the one partnership the person belongs to. A manager may not change the sign-in
    of someone who also belongs to another partnership: that would let one partnership's
    manager sign in as them and read the other's records.
    """
    if acting_user is None:
        return True  # a command at the server's shell: whoever runs it holds the database
    if not getattr(acting_user, "is_authenticated", False):
        return False
    if acting_user.pk == person.pk or is_service_admin(acting_user):
        return True
    membership = active_membership(acting_user)
    if membership is None or membership.role != Role.MANAGER:
        return False
    partnerships = set(
        Membership.objects.filter(user=person).values_list("partnership_id", flat=True)
    )
    return partnerships == {membership.partnership_id}


SHARED_PERSON_REFUSAL = (
    "{name} also belongs to another partnership, so only they or a service administrator "
    "can change their name, email address, password or second factor"
)


def _require_identity_rights(acting_user: Any, person: User) -> None:
    if not may_change_identity(acting_user, person):
        raise PermissionDenied(SHARED_PERSON_REFUSAL.format(name=person.display_name))


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
    """Change a person's details and their role in this partnership (not in any other).

    Their name and email are their identity in every partnership: a change to either needs
    `may_change_identity`, and is refused with a message on the fields otherwise.
    """
    user = membership.user
    if (full_name, email) != (user.full_name, user.email) and not may_change_identity(
        acting_user, user
    ):
        message = SHARED_PERSON_REFUSAL.format(name=user.display_name)
        raise ValidationError({"full_name": message, "email": message})
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
    """A new password, set by the person themselves, their business manager (when they belong
    to that partnership only) or a service administrator."""
    _require_identity_rights(acting_user, user)
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
    _record_refused_sign_in(AuditAction.SIGN_IN_FAILED, attempted_username, "")


def record_locked_out(attempted_username: str) -> None:
    _record_refused_sign_in(
        AuditAction.LOCKED_OUT, attempted_username, " refused: too many failures"
    )


def _record_refused_sign_in(action: str, attempted_username: str, why: str) -> None:
    username = attempted_username[:150]
    audit.record(
        action, actor=None, actor_username=username, object_repr=f"sign-in as {username!r}{why}"
    )


def record_sign_out(user: User) -> None:
    audit.record(AuditAction.SIGN_OUT, actor=user, obj=user)


def change_identity(person: User, *, acting_user: Any, full_name: str, email: str) -> User:
    """A person's name and email, changed by a service administrator or by themselves."""
    _require_identity_rights(acting_user, person)
    with transaction.atomic():
        before = audit.snapshot(person, USER_FIELDS)
        person.full_name, person.email = full_name, email
        person.full_clean()
        person.save(update_fields=["full_name", "email"])
        changed = audit.difference(before, audit.snapshot(person, USER_FIELDS))
        if changed:
            audit.record(AuditAction.CHANGE, actor=acting_user, obj=person, changes=changed)
    return person


def add_membership(
    partnership: Partnership, *, user: User, role: str, agency: Agency | None, acting_user: Any
) -> Membership:
    """A role in this partnership for someone who can already sign in."""
    with transaction.atomic():
        return _new_membership(partnership, user, role, agency, acting_user, {})


def add_service_admin(
    *, username: str, full_name: str, email: str, password: str, acting_user: Any
) -> User:
    """A service administrator: people's sign-in in every partnership, no case records."""
    with transaction.atomic():
        admin = User(username=username, full_name=full_name, email=email, is_service_admin=True)
        user = _new_user(admin, password)
        audit.record(
            AuditAction.CREATE,
            actor=acting_user,
            obj=user,
            changes={"after": {"username": username, "is_service_admin": True}},
        )
    return user


def set_up_second_factor(user: User, *, device: Any, code: str) -> list[str] | None:
    """The person confirms their authenticator app; returns their recovery codes."""
    with transaction.atomic():
        codes = secondfactor.confirm_app(device, code)
        if codes is not None:
            audit.record(
                AuditAction.CHANGE,
                actor=user,
                obj=user,
                object_repr=f"second factor of {user.username}",
                changes={"second factor": {"before": "(none)", "after": "authenticator app"}},
            )
    return codes


def reset_second_factor(person: User, *, acting_user: Any) -> None:
    """Remove a person's second factor, so that they set it up again when they next sign in:
    for someone who lost their phone and their recovery codes."""
    _require_identity_rights(acting_user, person)
    with transaction.atomic():
        secondfactor.forget(person)
        audit.record(
            AuditAction.CHANGE,
            actor=acting_user,
            obj=person,
            object_repr=f"second factor of {person.username}",
            changes={"second factor": {"before": "(hidden)", "after": "(removed)"}},
        )


def record_second_factor_failed(user: User) -> None:
    audit.record(
        AuditAction.SIGN_IN_FAILED,
        actor=user,
        object_repr=f"second factor of {user.username}: wrong code",
    )
