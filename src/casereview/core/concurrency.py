"""Stale edits: a save from a form opened before someone else saved the record is refused.

The version of a record is the id of the newest `create` or `change` audit row about it (0 if
none): every change writes one, in the same transaction (ADR 0003), the import's included.
A change form carries the version it was read at in a hidden field; the service, holding the
record's row lock, refuses with `StaleEdit` if a newer row exists. See ADR 0008.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max, Model, Q
from django.http import HttpResponse
from django.utils import timezone

from casereview.core import audit
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent
from casereview.core.partialdates import PartialDate

VERSION_FIELD = "version"
WRITES = (AuditAction.CREATE, AuditAction.CHANGE)
LARGEST_ID = 2**63 - 1  # a bigint: anything larger is not a version this service gave
NOT_A_VERSION = (
    "This form could not be checked against changes made since it was opened. "
    "Open the record again and make your change there."
)


@dataclass(frozen=True)
class Conflict:
    """One field someone else changed: the value stored now and the value this person sent."""

    stored: Any
    sent: Any


class StaleEdit(Exception):
    """The record changed since the form was read at `read_at`; nothing was saved."""

    def __init__(
        self,
        *,
        changed_by: str,
        changed_at: dt.datetime,
        version: int,
        fields: dict[str, Conflict],
    ) -> None:
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version  # the record's version now, for the form shown again
        self.fields = fields
        super().__init__(self.message)

    @property
    def message(self) -> str:
        at = timezone.localtime(self.changed_at)
        return (
            f"This record was changed by {self.changed_by} at {at:%H:%M} on "
            f"{at.day} {at:%B %Y} since you opened it"
        )


def _about(records: Iterable[Model | None]) -> Q | None:
    query = None
    for record in records:
        if record is None or record.pk is None:
            continue
        one = Q(object_type=record._meta.label_lower, object_id=str(record.pk))
        query = one if query is None else query | one
    return query


def version_of(records: Iterable[Model | None]) -> int:
    """The newest create/change audit row about any of `records` (0 if none)."""
    about = _about(records)
    if about is None:
        return 0
    newest = AuditEvent.objects.filter(about, action__in=WRITES).aggregate(newest=Max("id"))
    return newest["newest"] or 0


def field_names(changes: Mapping[str, Any]) -> list[str]:
    """The fields an audit row's `changes` names: `{"after": {...}}` for a new record, else
    `{field: {...}}`; a partial date's precision counts as the date."""
    after = changes.get("after")
    names = after if isinstance(after, dict) else changes
    found: list[str] = []
    for name in names:
        name = name.removesuffix("_precision")
        if name not in found:
            found.append(name)
    return found


def lock(*records: Model) -> None:
    """Lock the records' rows until the transaction ends (a no-op on SQLite, where
    BEGIN IMMEDIATE already lets one writer at a time in)."""
    for record in records:
        # No ordering: a model ordered by a nullable relation's field would join it, and
        # PostgreSQL locks no row on the nullable side of an outer join.
        rows = type(record)._base_manager.filter(pk=record.pk).order_by()
        list(rows.select_for_update(of=("self",)).values("pk"))


def refuse_if_stale(
    records: Sequence[Model | None], read_at: int | None, sent: Mapping[str, Any] | None = None
) -> None:
    """Inside the service's transaction, before it changes anything: lock each record's row,
    and raise StaleEdit if any was created or changed after version `read_at`.

    `read_at=None` checks nothing (commands, the import). `sent` is what the person sent, by
    field name, for the conflicts the refusal reports.
    """
    if read_at is None:
        return
    present = [record for record in records if record is not None and record.pk is not None]
    lock(*present)
    about = _about(present)
    if about is None:
        return
    newer = list(
        AuditEvent.objects.filter(about, action__in=WRITES, id__gt=read_at)
        .select_related("actor")
        .order_by("id")
    )
    if not newer:
        return
    sent = sent or {}
    stored: dict[str, Any] = {}
    for record in present:
        fresh = type(record)._base_manager.get(pk=record.pk)
        stored |= audit.snapshot(fresh, [f.name for f in fresh._meta.concrete_fields])
    fields = {
        name: Conflict(stored=stored.get(name), sent=audit.json_safe(sent.get(name)))
        for event in newer
        for name in field_names(event.changes)
    }
    last = newer[-1]
    raise StaleEdit(
        changed_by=last.actor.display_name if last.actor else last.actor_username,
        changed_at=last.occurred_at,
        version=last.pk,
        fields=fields,
    )


# The form's side


class VersionField(forms.IntegerField):
    """The hidden version a change form was read at: a whole number this service gave."""

    widget = forms.HiddenInput

    def __init__(self, *, current: int) -> None:
        super().__init__(
            min_value=0,
            max_value=min(current, LARGEST_ID),
            error_messages={
                kind: NOT_A_VERSION for kind in ("required", "invalid", "min_value", "max_value")
            },
        )


def shown(field: forms.Field, value: Any) -> str:
    """A form value as the person reads it on the page."""
    if value is None or value == "" or value == [] or value == ():
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, PartialDate):
        return value.display()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, list | tuple) or hasattr(value, "model"):
        return ", ".join(shown(field, item) for item in value)
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        found = queryset.filter(pk=value).first()
        return str(found) if found is not None else str(value)
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(key): label for key, label in choices if not isinstance(label, list | tuple)}
        return str(labels.get(str(value), value))
    return str(value)


@dataclass(frozen=True)
class ShownConflict:
    label: str
    theirs: str
    yours: str


@dataclass(frozen=True)
class StaleEditShown:
    """What the form shows again after a refused save (govuk/forms/stale_edit.html)."""

    message: str
    conflicts: list[ShownConflict]


class StaleEditMixin:
    """For a change form view: the form carries the version it was read at; a stale save
    is shown again (409) with who changed the record, when, and both values.

    The view gives `versioned_records()`, the records the form saves, and passes
    `read_at=self.read_at` to its service. `field_aliases` maps a model field named by the
    audit trail to the form field that sets it, where their names differ.
    """

    field_aliases: dict[str, str] = {}
    read_at: int | None = None

    def versioned_records(self) -> list[Model | None]:
        raise NotImplementedError

    def with_version(self, form: forms.Form) -> forms.Form:
        current = version_of(self.versioned_records())
        form.fields[VERSION_FIELD] = VersionField(current=current)
        form.fields[VERSION_FIELD].initial = current
        return form

    def get_form(self, form_class: Any = None) -> forms.Form:
        return self.with_version(super().get_form(form_class))  # type: ignore[misc]

    def form_valid(self, form: forms.Form) -> HttpResponse:
        self.read_at = form.cleaned_data.pop(VERSION_FIELD)
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except StaleEdit as stale:
            return self.stale_edit(form, stale)

    def stale_edit(self, sent: forms.Form, stale: StaleEdit) -> HttpResponse:
        """The form again, with the person's values and the record's version now."""
        for record in self.versioned_records():
            if record is not None and record.pk is not None:
                record.refresh_from_db()
        data = self.request.POST.copy()  # type: ignore[attr-defined]
        data[VERSION_FIELD] = str(stale.version)
        kwargs = {**self.get_form_kwargs(), "data": data}  # type: ignore[attr-defined]
        form = self.with_version(self.get_form_class()(**kwargs))  # type: ignore[attr-defined]
        form.full_clean()
        form.add_error(None, ValidationError(stale.message))
        form.stale_edit = StaleEditShown(stale.message, self.conflicts_shown(sent, stale))  # type: ignore[attr-defined]
        context = self.get_context_data(form=form)  # type: ignore[attr-defined]
        return self.render_to_response(context, status=409)  # type: ignore[attr-defined]

    def conflicts_shown(self, sent: forms.Form, stale: StaleEdit) -> list[ShownConflict]:
        """For each form field someone else changed, the value saved now and the person's,
        where they differ."""
        now = self.get_initial()  # type: ignore[attr-defined]
        stored: dict[str, Any] = {}
        for model_name, conflict in stale.fields.items():
            name = self.field_aliases.get(model_name, model_name)
            if name in sent.fields and name != VERSION_FIELD:
                # as the form shows it when it has it, else as the record stores it
                stored.setdefault(name, now.get(name, conflict.stored))
        conflicts = []
        for name, value in stored.items():
            field = sent.fields[name]
            theirs = shown(field, value)
            yours = shown(field, sent.cleaned_data.get(name))
            if theirs != yours:
                conflicts.append(ShownConflict(str(field.label or name), theirs, yours))
        return conflicts
