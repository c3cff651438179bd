"""The audit trail: who did what to which record, written in the same transaction as the change.

Services call `record(...)` for every change and every download; `AuditedObjectMixin` calls it
for every page that shows a record or a list of them. `verify_chain()` walks the chain and
reports the first broken row.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import functools
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from casereview.core.anchor import (
    AnchorAltered,
    advance_anchor,
    anchor_path,
    read_anchor,
    reset_anchor,
)
from casereview.core.choices import AuditAction
from casereview.core.models import GENESIS_HASH, AuditEvent

if TYPE_CHECKING:
    from casereview.accounts.models import Partnership, User

# A fixed key for PostgreSQL's advisory lock that serialises appends to the chain.
AUDIT_CHAIN_LOCK_KEY = 0x43415345  # "CASE"

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_request_id", default=""
)


def new_request_id() -> str:
    return uuid.uuid4().hex


def json_safe(value: Any) -> Any:
    """A value as it is stored in the audit row's before/after."""
    if value is None or isinstance(value, str | int | bool | float):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a record, ready to compare before and after a change."""
    result = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{name} is not a column of {instance._meta.label}")
        value = getattr(instance, field.attname)
        result[name] = json_safe(value)
    return result


def difference(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Only what changed: {"field": {"before": old, "after": new}}."""
    return {
        name: {"before": before.get(name), "after": after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_CHAIN_LOCK_KEY])
    # SQLite: settings open every transaction with BEGIN IMMEDIATE, one writer at a time.


def record(
    action: str,
    *,
    actor: User | None = None,
    obj: models.Model | None = None,
    partnership: Partnership | None = None,
    changes: dict[str, Any] | None = None,
    object_repr: str | None = None,
    actor_username: str | None = None,
) -> AuditEvent:
    """Append one row to the audit trail, inside the caller's transaction if there is one."""
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    membership = getattr(actor, "active_membership", None) if actor is not None else None
    if partnership is None and membership is not None:
        partnership = membership.partnership
    if partnership is None and obj is not None:
        partnership = getattr(obj, "partnership", None)
    with transaction.atomic():
        _lock_chain()
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_username=actor_username
            if actor_username is not None
            else (getattr(actor, "username", "") or "system"),
            role=membership.role if membership is not None else "",
            partnership=partnership,
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=(object_repr if object_repr is not None else str(obj or ""))[:200],
            changes=json_safe(changes or {}),
            request_id=current_request_id.get(),
            previous_hash=previous or GENESIS_HASH,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        transaction.on_commit(functools.partial(advance_anchor, event.id, event.hash))
    return event


@dataclass(frozen=True)
class Entry:
    """One row for `record_many`: the action, the record it is about, what changed."""

    action: str
    obj: models.Model | None = None
    changes: dict[str, Any] | None = None
    object_repr: str | None = None


def record_many(
    entries: Iterable[Entry],
    *,
    actor: User | None = None,
    partnership: Partnership | None = None,
    actor_username: str | None = None,
    batch_size: int = 1000,
) -> int:
    """Append many rows at once, in order, for one actor in one partnership (an import).

    The same chain as `record`: the lock is taken once, the last hash read once, and each
    row's hash computed from the one before it. Returns how many rows were written.
    """
    membership = getattr(actor, "active_membership", None) if actor is not None else None
    if partnership is None and membership is not None:
        partnership = membership.partnership
    username = (
        actor_username
        if actor_username is not None
        else (getattr(actor, "username", "") or "system")
    )
    with transaction.atomic():
        _lock_chain()
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        previous = previous or GENESIS_HASH
        now = timezone.now()
        request_id = current_request_id.get()
        events: list[AuditEvent] = []
        written = 0
        for entry in entries:
            if entry.action not in AuditAction.values:
                raise ValueError(f"unknown audit action {entry.action!r}")
            obj = entry.obj
            event = AuditEvent(
                occurred_at=now,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_username=username,
                role=membership.role if membership is not None else "",
                partnership=partnership,
                action=entry.action,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                object_repr=(
                    entry.object_repr if entry.object_repr is not None else str(obj or "")
                )[:200],
                changes=json_safe(entry.changes or {}),
                request_id=request_id,
                previous_hash=previous,
            )
            event.hash = previous = event.compute_hash()
            events.append(event)
            if len(events) == batch_size:  # written as it goes: memory stays flat
                written += len(AuditEvent.objects.bulk_create(events))
                events = []
        written += len(AuditEvent.objects.bulk_create(events))
        if written:
            newest = AuditEvent.objects.order_by("-id").values_list("id", "hash")[0]
            transaction.on_commit(functools.partial(advance_anchor, *newest))
    return written


@dataclass(frozen=True)
class ChainProblem:
    row_id: int
    message: str


def _in_order(batch_size: int) -> Iterator[AuditEvent]:
    """Every audit row by id, a batch at a time by key: no server-side cursor, so memory stays
    flat for a trail of millions of rows and it works through a transaction pooler."""
    after = 0
    while batch := list(AuditEvent.objects.filter(id__gt=after).order_by("id")[:batch_size]):
        yield from batch
        after = batch[-1].id


def verify_chain(
    batch_size: int = 5000, *, check_anchor: bool = True
) -> tuple[int, ChainProblem | None]:
    """Walk the chain from its first row, then check the anchor kept outside the database.

    Returns (rows checked, first problem or None).
    """
    anchor = None
    if check_anchor:
        try:
            anchor = read_anchor()
        except AnchorAltered as altered:
            return 0, ChainProblem(0, str(altered))
    expected_previous = GENESIS_HASH
    previous_id: int | None = None
    anchored_hash: str | None = None
    checked = 0
    for event in _in_order(batch_size):
        if event.previous_hash != expected_previous:
            after = f"row {previous_id}" if previous_id is not None else "the start of the trail"
            return checked, ChainProblem(
                event.id,
                f"audit row {event.id} does not follow {after}: a row between them was "
                f"removed, or row {previous_id} was altered",
            )
        if event.compute_hash() != event.hash:
            return checked, ChainProblem(
                event.id,
                f"audit row {event.id} was altered: its contents no longer match its seal "
                "(or the rows were sealed with another AUDIT_KEY)",
            )
        if anchor is not None and event.id == anchor.row_id:
            anchored_hash = event.hash
        expected_previous = event.hash
        previous_id = event.id
        checked += 1
    if not check_anchor:
        return checked, None
    return checked, _anchor_problem(anchor, anchored_hash, previous_id, checked)


def _anchor_problem(
    anchor: Any, anchored_hash: str | None, last_id: int | None, checked: int
) -> ChainProblem | None:
    if anchor is None:
        if checked == 0:
            return None
        return ChainProblem(
            0,
            f"there is no audit anchor at {anchor_path()}, so rows removed from the end of the "
            "trail cannot be ruled out. If the database was restored or moved, check it, then "
            "run `casereview audit anchor`",
        )
    if checked == 0:
        return ChainProblem(
            anchor.row_id,
            f"the audit trail is empty, but its anchor records row {anchor.row_id}: "
            "every row was removed",
        )
    if last_id is not None and last_id < anchor.row_id:
        return ChainProblem(
            anchor.row_id,
            f"the audit trail ends at row {last_id}, but its anchor records row "
            f"{anchor.row_id}: the rows after {last_id} were removed",
        )
    if anchored_hash != anchor.hash:
        return ChainProblem(
            anchor.row_id,
            f"audit row {anchor.row_id} is not the row its anchor records: the trail was rewritten",
        )
    return None


def anchor_at_head() -> AuditEvent | None:
    """Anchor the trail at its newest row (after a restore, or on first upgrade)."""
    newest = AuditEvent.objects.order_by("-id").first()
    if newest is not None:
        reset_anchor(newest.id, newest.hash)
    return newest
