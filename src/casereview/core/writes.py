"""One audited write: every service that changes a record does it here.

A service is one thing a person does (after Zulip's `do_*` actions and Wagtail's
check-execute-log action classes). It opens `acting(...)`, which

1. refuses (PermissionDenied) a person whose role may not do it by the permission table
   (accounts/permissions.py), or for whom the record it works `within` is out of reach (another
   partnership's, a review they are not assigned to): defence in depth behind the views, which
   check the same before showing a form. `acting_user=None` is the system (commands,
   reminders, the import, the test helpers) and is allowed;
2. opens the transaction;
3. refuses a stale edit (`core/concurrency.py`) when the form's version `read_at` is given;

and gives an `Act`, through which the service saves:

    def change_agency(agency, *, acting_user, read_at=None, **values):
        with writes.acting(
            acting_user, ("change", "agencies"), within=agency, stale=[agency], read_at=read_at,
            sent=values,
        ) as act:
            change = act.track(agency, AGENCY_FIELDS)
            for name, value in values.items():
                setattr(agency, name, value)
            change.save()
        return agency

(`changing(...)` is that act for a form that changes one record, its fields tracked, and
`assign(...)` sets what was sent: the real `change_agency` is written with the two.)

`act.track(record, fields)` takes the record's before (nothing for a new record), and
`.save()` checks the record (`full_clean`), saves it, sets its many-to-many relations and
writes one audit row: CREATE with `{"after": {...}}`, CHANGE with `{"field": {"before": ...,
"after": ...}}` for only what changed, or no row when nothing changed. `act.create(...)` is the
two at once. `act.record(...)` writes the few rows of another shape (a child added to a
referral, a password changed) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from casereview.core import audit, concurrency, signals
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate
from casereview.core.tenancy import user_may

if TYPE_CHECKING:
    from casereview.accounts.models import Partnership, User

R = TypeVar("R", bound=Model)


def today() -> dt.date:
    """Today where the service runs (Europe/London): what "not in the future" is measured by."""
    return timezone.localdate()


# Who may act


Permission = tuple[str, str]  # a line of the permission table: ("change", "referrals")


@dataclass(frozen=True)
class Rule:
    """Who may act, where the permission table does not say: `allows(person)`, and the
    message a refused person is given."""

    allows: Callable[[User], bool]
    refusal: str


SYSTEM_ONLY = Rule(lambda person: False, "Only the service itself, at its command line, does this")


def oneself(person: User) -> Rule:
    """Only `person`, acting for themselves (their own second factor)."""
    return Rule(lambda acting: acting.pk == person.pk, "Only the person themselves does this")


def _reach_action(action: str, resource: str, within: Model) -> str:
    """The action `within` must be in reach for: the permission's own when it is about that
    kind of record ("change" a review), else seeing it (adding an action to a
    recommendation, a review to a partnership)."""
    return action if getattr(within, "permission_resource", None) == resource else "view"


def in_reach(user: User, within: Model, action: str) -> bool:
    """Whether `within` is among the records of its kind the person may `action`: in the
    partnership they act in, and in their role's part of it."""
    manager = type(within)._default_manager
    if within.pk is None or not hasattr(manager, "restrict"):
        raise TypeError(f"{type(within).__name__} cannot say who may act within it")
    restricted: QuerySet[Model] = manager.restrict(user, action)  # a RestrictedQuerySet's
    return restricted.filter(pk=within.pk).exists()


def may(
    acting_user: User | None, allowed: Permission | Rule, *, within: Model | None = None
) -> bool:
    """Whether `acting_user` may do what `allowed` names, within `within` (the system may)."""
    if acting_user is None:
        return True
    if isinstance(allowed, Rule):
        return allowed.allows(acting_user)
    action, resource = allowed
    if not user_may(acting_user, action, resource):
        return False
    return within is None or in_reach(acting_user, within, _reach_action(action, resource, within))


def require(
    acting_user: User | None, allowed: Permission | Rule, *, within: Model | None = None
) -> None:
    """Raise PermissionDenied, before anything is written, unless `may(...)`."""
    if may(acting_user, allowed, within=within):
        return
    if isinstance(allowed, Rule):
        raise PermissionDenied(allowed.refusal)
    action, resource = allowed
    if not user_may(acting_user, action, resource):
        raise PermissionDenied(f"Your role may not {action} {resource}")
    # Not named: it is outside what they may see.
    raise PermissionDenied(f"Your role may not {action} {resource} for a record out of your reach")


# The write


@dataclass
class Tracked(Generic[R]):
    """A record's state before a change, saved and audited by `save()`.

    `fields` are its own fields as the audit row names them; `relations` its many-to-many
    relations, each by the attribute the row names the related records by ("pk", "code");
    `values` any other value the row carries, read from the record by a function.
    """

    act: Act
    record: R
    fields: tuple[str, ...]
    relations: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Callable[[R], object]] = field(default_factory=dict)
    before: dict[str, Any] | None = None  # None: a new record

    def state(self) -> dict[str, Any]:
        state = audit.snapshot(self.record, self.fields)
        for name, attribute in self.relations.items():
            related = getattr(self.record, name).values_list(attribute, flat=True)
            state[name] = sorted(audit.json_safe(list(related)))
        for name, read in self.values.items():
            state[name] = audit.json_safe(read(self.record))
        return state

    def save(
        self,
        *,
        relate: Mapping[str, Sequence[Model] | None] | None = None,
        about: Mapping[str, Any] | None = None,
        update_fields: Sequence[str] | None = None,
        partnership: Partnership | None = None,
        object_repr: str | None = None,
    ) -> AuditEvent | None:
        """Check the record, save it, set its relations (`relate`: name to records, None
        leaves one as it is), and write its audit row; the row, or None if nothing changed.

        `about` adds keys beside "after" on a new record's row (the review a part belongs to).
        """
        record = self.record
        created = self.before is None
        record.full_clean()
        record.save(update_fields=None if created else update_fields)
        for name, related in (relate or {}).items():
            if related is not None:
                getattr(record, name).set(related)
        signals.after_commit_written(record)
        after = self.state()
        if created:
            return self.act.record(
                AuditAction.CREATE,
                obj=record,
                changes={"after": after, **(about or {})},
                partnership=partnership,
                object_repr=object_repr,
            )
        changed = audit.difference(self.before or {}, after)
        if not changed:
            return None
        return self.act.record(
            AuditAction.CHANGE,
            obj=record,
            changes=changed,
            partnership=partnership,
            object_repr=object_repr,
        )


@dataclass(frozen=True)
class Act:
    """One person's (or the system's) act, inside its transaction: what a service writes
    through. Given by `acting(...)`."""

    user: User | None
    read_at: int | None = None

    def track(
        self,
        record: R,
        fields: Sequence[str],
        *,
        relations: Mapping[str, str] | None = None,
        values: Mapping[str, Callable[[R], object]] | None = None,
    ) -> Tracked[R]:
        """Take `record`'s before, to change it and then `.save()`."""
        tracked = Tracked(self, record, tuple(fields), relations or {}, values or {})
        if not record._state.adding:
            tracked.before = tracked.state()
        return tracked

    def create(
        self,
        record: R,
        fields: Sequence[str],
        *,
        relations: Mapping[str, str] | None = None,
        values: Mapping[str, Callable[[R], object]] | None = None,
        relate: Mapping[str, Sequence[Model] | None] | None = None,
        about: Mapping[str, Any] | None = None,
        partnership: Partnership | None = None,
    ) -> R:
        """Check and save a new record, and write its CREATE row."""
        if not record._state.adding:
            raise ValueError(f"{type(record).__name__} {record.pk} is not a new record")
        self.track(record, fields, relations=relations, values=values).save(
            relate=relate, about=about, partnership=partnership
        )
        return record

    def record(
        self,
        action: str,
        *,
        obj: Model | None = None,
        changes: dict[str, Any] | None = None,
        partnership: Partnership | None = None,
        object_repr: str | None = None,
    ) -> AuditEvent:
        """One audit row by this act's person, of any shape, in the act's transaction."""
        return audit.record(
            action,
            actor=self.user,
            obj=obj,
            changes=changes,
            partnership=partnership,
            object_repr=object_repr,
        )

    def refuse_if_stale(
        self, records: Sequence[Model | None], sent: Mapping[str, Any] | None = None
    ) -> None:
        """The stale-edit check, for a record found only inside the transaction (a decision
        someone may have recorded since the form was opened)."""
        concurrency.refuse_if_stale(records, self.read_at, sent)

    def lock(self, *records: Model) -> None:
        """Lock rows until the act ends, when a version was given (a form's save)."""
        if self.read_at is not None:
            concurrency.lock(*records)

    def one_of(self, record: Model, name: str, sent: Mapping[str, Any]) -> Any:
        """`record`'s one related record `name` (a referral's "decision"), or None. When a
        version was given, it is read again under `record`'s lock, and the edit refused if
        someone has recorded or changed it since the form was opened (`sent`, as
        `refuse_if_stale`)."""
        if self.read_at is None:
            return getattr(record, name, None)
        self.lock(record)
        relation = record._meta.get_field(name)
        related = relation.related_model._default_manager  # type: ignore[union-attr]
        found = related.filter(**{relation.field.name: record}).first()  # type: ignore[union-attr]
        self.refuse_if_stale([found], sent)
        return found


def assign(
    record: Model,
    values: Mapping[str, Any],
    fields: Collection[str],
    *,
    partial_dates: Collection[str] = (),
    unknown: str,
) -> None:
    """Set what a service was sent on `record`: each name one of `fields`, a date of
    `partial_dates` as its PartialDate (`<name>_partial`). Any other name is a mistake of the
    caller's: ValueError, `unknown` with the `{name}`."""
    for name, value in values.items():
        if name in partial_dates:
            setattr(record, f"{name}_partial", PartialDate.coerce(value))
        elif name in fields:
            setattr(record, name, value)
        else:
            raise ValueError(unknown.format(name=name))


@contextmanager
def acting(
    acting_user: User | None,
    allowed: Permission | Rule,
    *,
    within: Model | None = None,
    stale: Sequence[Model | None] = (),
    read_at: int | None = None,
    sent: Mapping[str, Any] | None = None,
) -> Iterator[Act]:
    """A service's act: refuse a person who may not (`allowed`, `within`), open the
    transaction, refuse a stale edit of `stale` read at `read_at` (None checks nothing;
    `sent` is what the person sent, for the refusal's conflicts), then write through the
    `Act` given. Anything raised inside undoes everything, audit rows included."""
    with transaction.atomic():
        require(acting_user, allowed, within=within)
        concurrency.refuse_if_stale(stale, read_at, sent)
        yield Act(acting_user, read_at)


@contextmanager
def changing(
    acting_user: User | None,
    allowed: Permission | Rule,
    record: Model,
    fields: Sequence[str],
    *,
    within: Model | None = None,
    read_at: int | None = None,
    sent: Mapping[str, Any] | None = None,
    relations: Mapping[str, str] | None = None,
) -> Iterator[Tracked[Any]]:
    """The act of a form that changes one record: `acting(...)` within the record (or
    `within`), refusing a stale edit of it, and its `fields` tracked, to change and `.save()`."""
    with acting(
        acting_user,
        allowed,
        within=record if within is None else within,
        stale=[record],
        read_at=read_at,
        sent=sent,
    ) as act:
        yield act.track(record, fields, relations=relations)
