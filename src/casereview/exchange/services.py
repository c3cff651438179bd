"""Every write of the exchange app: importing a document, staging an upload, auditing exports.

An import is all or nothing: the document is checked (every problem at once), compared with
what the partnership already records (planning.py), and only then written, in one
transaction, with one audit row for each record it creates, changes or deletes. Importing the
same document again finds nothing to do and writes nothing at all, not even an audit row.
"""

from __future__ import annotations

import io
import zlib
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, BinaryIO, TypeVar

from django.db import models, transaction
from django.utils import timezone
from openpyxl import load_workbook

from casereview.accounts.models import Agency, GlossaryTerm, Partnership, User
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.core import audit, filekinds, signals, writes
from casereview.core.choices import AuditAction
from casereview.exchange.changewords import named_changes
from casereview.exchange.files import read_kept, read_upload
from casereview.exchange.models import PendingImport, SavedTrackerMapping
from casereview.exchange.planning import (
    STORED_FIELDS,
    Links,
    Plan,
    Planner,
    Tally,
    Write,
)
from casereview.exchange.problems import DocumentRejected, reject_if_any
from casereview.exchange.selectors import saved_mapping_for, snapshot, theme_ids_for
from casereview.exchange.spreadsheet import ALL_SHEETS
from casereview.exchange.trackers import (
    SheetMapping,
    TrackerMapping,
    Workbook,
    read_spreadsheet,
    suggest_mapping,
    unchecked_document,
    values_to_map,
)
from casereview.exchange.validation import problems_of
from casereview.learning.models import EventAttendance, LearningEvent
from casereview.referrals.models import Child, Decision, PanelSubmission, RapidReview, Referral
from casereview.referrals.services import ASSESSMENT_FIELDS, next_reference, reassess
from casereview.reviews.models import (
    FamilyContribution,
    LearningPoint,
    ParallelProcess,
    Review,
    ReviewDocument,
)

Progress = Callable[[str, int, int], None]
TEMPLATE_SHEETS = tuple(sheet.name for sheet in ALL_SHEETS)
BATCH = 1000
# Written in this order, so that each record's references exist before it; deleted in reverse.
MODEL_ORDER: tuple[type[models.Model], ...] = (
    Agency,
    Child,
    Review,
    Referral,
    Decision,
    PanelSubmission,
    RapidReview,
    ParallelProcess,
    FamilyContribution,
    ReviewDocument,
    LearningPoint,
    Recommendation,
    AgencyAction,
    ProgressUpdate,
    LearningEvent,
    GlossaryTerm,
)


def no_progress(stage: str, done: int, total: int) -> None:
    """Progress is reported to a terminal only; elsewhere this is the reporter."""


@dataclass(frozen=True)
class NamedChanges:
    """The records of one kind an import would add, change or remove, named; `more` of them
    not named."""

    kind: str
    names: list[str]
    more: int


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, or would do: per kind of record, how many created, updated, deleted
    and left as they were; and for a preview, the records it would change, named by kind."""

    code: str
    tallies: dict[str, Tally]
    named: dict[str, list[str]] = field(default_factory=dict)

    def changes_by_kind(self) -> list[NamedChanges]:
        """Each kind of record with changes, in the order a person reads them, its changed
        records named (the first few of a long list, and how many more)."""
        found = []
        for kind, tally in self.tallies.items():
            names = self.named.get(kind, [])
            if names:
                changed = tally.created + tally.updated + tally.deleted
                found.append(NamedChanges(kind, names, max(0, changed - len(names))))
        return found

    def changes_named(self) -> list[str]:
        """Every change named, a line each ("Action 'Deliver briefing…' removed"), with
        "and N more <kind>" after a long list."""
        lines = []
        for group in self.changes_by_kind():
            lines += group.names
            if group.more:
                lines.append(f"and {group.more} more {group.kind} changed")
        return lines

    @property
    def changes_anything(self) -> bool:
        return any(t.created or t.updated or t.deleted for t in self.tallies.values())

    def rows(self) -> list[tuple[str, Tally]]:
        return [(kind, tally) for kind, tally in self.tallies.items() if any(vars(tally).values())]

    def total(self) -> Tally:
        sums = Tally()
        for tally in self.tallies.values():
            for name, value in vars(tally).items():
                setattr(sums, name, getattr(sums, name) + value)
        return sums

    def records(self) -> int:
        return sum(vars(self.total()).values())

    def describe(self) -> str:
        total = self.total()
        return (
            f"{self.code}: {total.created} created, {total.updated} updated, "
            f"{total.deleted} deleted, {total.unchanged} unchanged"
        )


def plan_import(document: Any, *, partnership_code: str | None = None) -> Plan:
    """Check the document and work out what importing it would do, writing nothing.

    `partnership_code`, when given, is the only partnership the document may be for (the
    signed-in manager's). DocumentRejected lists every problem found.
    """
    code = document.get("partnership", {}) if isinstance(document, dict) else None
    code = code.get("code") if isinstance(code, dict) else None
    partnership = Partnership.objects.filter(code=code).first() if isinstance(code, str) else None
    theme_ids = theme_ids_for(partnership)
    reject_if_any(
        problems_of(
            document,
            theme_codes=frozenset(theme_ids),
            today=timezone.localdate(),
            partnership_code=partnership_code,
        )
    )
    planner = Planner(
        document, partnership, snapshot(partnership) if partnership else None, theme_ids
    )
    plan = planner.build()
    reject_if_any(planner.problems)
    return plan


def preview_import(document: Any, *, partnership_code: str | None = None) -> ImportSummary:
    """What importing the document would create, update and delete ("check your answers")."""
    plan = plan_import(document, partnership_code=partnership_code)
    return ImportSummary(plan.partnership.code, plan.tallies, named_changes(plan.writes))


def import_document(
    document: Any,
    *,
    acting_user: User | None = None,
    actor_username: str | None = None,
    partnership_code: str | None = None,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Import the document into its partnership (created when new): all or nothing."""
    return import_planned(
        lambda: plan_import(document, partnership_code=partnership_code),
        acting_user=acting_user,
        actor_username=actor_username,
        progress=progress,
    )


def import_planned(
    plan_of: Callable[[], Plan],
    *,
    acting_user: User | None = None,
    actor_username: str | None = None,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Plan an import with `plan_of()`, then write it with one audit row for each record it
    creates, changes or deletes, in one transaction: all or nothing.

    The plan is written a batch at a time, each batch's audit rows made as it is written, and
    the plan lets go of each write once its row is made. A `plan_of` that reads the document
    itself, so that nothing else holds it, lets the document's items go as they are written
    too: a large import does not keep its whole document and plan to the end (ADR 0009).
    """
    with transaction.atomic():
        progress("checking", 0, 1)
        plan = plan_of()
        progress("checking", 1, 1)
        summary = ImportSummary(plan.partnership.code, plan.tallies)
        if plan.changes_anything:
            audit.record_many(
                _written(plan, progress),
                actor=acting_user,
                actor_username=actor_username,
                partnership=plan.partnership,
            )
            signals.after_commit_replaced(plan.partnership.pk)
    return summary


Queue = deque[Write]


def _written(plan: Plan, progress: Progress) -> Iterator[audit.Entry]:
    """Write the plan, and yield each write's audit entry once it is written.

    The plan is used up: its writes and links are taken off it as they are written, so that
    each record, and the document's item it was made from, can go once its entry is made.
    Records are written in MODEL_ORDER, so that each record's references exist before it;
    a record's many-to-many rows right after its kind, as what they name is written by then.
    """
    partnership = plan.partnership
    writes: dict[tuple[type[models.Model], str], Queue] = defaultdict(deque)
    own: list[Write] = []
    for write in plan.writes:
        if write.kind == "partnership":
            own.append(write)
        else:
            writes[(type(write.obj), write.action)].append(write)
    plan.writes.clear()
    links: dict[type[models.Model], list[Links]] = defaultdict(list)
    for link in plan.links:
        links[type(link.parent)].append(link)
    plan.links.clear()
    if partnership.pk is None or own:
        partnership.full_clean()
        partnership.save()
    yield from map(_entry, own)
    for model in reversed(MODEL_ORDER):
        for batch in _taken(writes.pop((model, AuditAction.DELETE), deque()), 500):
            model._default_manager.filter(pk__in=[write.obj.pk for write in batch]).delete()
            yield from map(_entry, batch)
    _unlink(links, plan)
    _give_references(plan, writes[(Referral, AuditAction.CREATE)])
    for model in MODEL_ORDER:
        kind = model._meta.verbose_name_plural
        created = writes.pop((model, AuditAction.CREATE), deque())
        done, total = 0, len(created)
        for batch in _taken(created, BATCH):
            model._default_manager.bulk_create([write.obj for write in batch])
            done += len(batch)
            progress(f"creating {kind}", done, total)
            yield from map(_entry, batch)
        changed = writes.pop((model, AuditAction.CHANGE), deque())
        fields = STORED_FIELDS[model] + (ASSESSMENT_FIELDS if model is Referral else ())
        done, total = 0, len(changed)
        for batch in _taken(changed, BATCH):
            model._default_manager.bulk_update(
                [write.obj for write in batch], fields, batch_size=200
            )
            done += len(batch)
            progress(f"updating {kind}", done, total)
            yield from map(_entry, batch)
        _link(links.pop(model, []), progress)
        if model is LearningEvent:
            _attend(plan)
    for obj, fields in plan.touch:
        type(obj)._default_manager.bulk_update([obj], fields)
    _reassess_outside(plan)


def _entry(write: Write) -> audit.Entry:
    return audit.Entry(write.action, write.obj, write.audit_changes(), write.object_repr)


def _taken(items: Queue, size: int) -> Iterator[list[Write]]:
    """Batches of up to `size`, each taken off the front of `items`."""
    while items:
        yield [items.popleft() for _ in range(min(size, len(items)))]


T = TypeVar("T")


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _give_references(plan: Plan, created: Queue) -> None:
    """A referral imported without a reference gets the partnership's next one."""
    if not plan.new_references:
        return
    creates = {id(write.obj): write for write in created}
    for referral in plan.new_references:
        reference = next_reference(plan.partnership, referral.received.year)
        while reference in plan.taken_references:
            reference = next_reference(plan.partnership, referral.received.year)
        referral.reference = reference
        write = creates[id(referral)]
        write.changes = {"after": {**write.audit_changes()["after"], "reference": reference}}
    plan.new_references.clear()


def _unlink(links: dict[type[models.Model], list[Links]], plan: Plan) -> None:
    """Remove the many-to-many rows and attendance counts the document replaces."""
    replaced: dict[tuple[type[models.Model], str], list[int]] = defaultdict(list)
    for made in links.values():
        for link in made:
            if link.replace:
                replaced[(link.through, link.parent_field)].append(link.parent.pk)
    for (through, parent_field), pks in replaced.items():
        for chunk in _chunks(pks, 500):
            through._default_manager.filter(**{f"{parent_field}_id__in": chunk}).delete()
    events = [event.pk for event, _, replace in plan.attendance.values() if replace]
    for chunk in _chunks(events, 500):
        EventAttendance.objects.filter(event_id__in=chunk).delete()


def _link(links: list[Links], progress: Progress) -> None:
    """The many-to-many rows of one kind of record, made a batch at a time."""
    by_through: dict[type[models.Model], list[Links]] = defaultdict(list)
    for link in links:
        by_through[link.through].append(link)
    links.clear()
    for through, made in by_through.items():
        rows = (
            through(
                **{
                    f"{link.parent_field}_id": link.parent.pk,
                    f"{link.target_field}_id": target.pk,
                }
            )
            for link in made
            for target in link.targets
        )
        total = sum(len(link.targets) for link in made)
        done = 0
        while batch := list(islice(rows, BATCH)):
            through._default_manager.bulk_create(batch)
            done += len(batch)
            progress("linking records", done, total)


def _attend(plan: Plan) -> None:
    attendance = [row for _, made, _ in plan.attendance.values() for row in made]
    EventAttendance.objects.bulk_create(attendance, batch_size=BATCH)


def _reassess_outside(plan: Plan) -> None:
    """Referrals the document does not describe are assessed again when what their
    assessment reads changed: the nation, or a child's plan or looked-after status."""
    outside = Referral.objects.filter(partnership=plan.partnership).exclude(
        pk__in=plan.referral_ids
    )
    if not plan.nation_changed:
        changed = [child.pk for child in plan.changed_children if child.pk]
        if not changed:
            return
        outside = outside.filter(children__in=changed).distinct()
    stale = []
    for referral in outside.prefetch_related("children"):
        referral.partnership = plan.partnership
        stored = [getattr(referral, name) for name in ASSESSMENT_FIELDS]
        reassess(referral, referral.children.all())
        if [getattr(referral, name) for name in ASSESSMENT_FIELDS] != stored:
            stale.append(referral)
    Referral.objects.bulk_update(stale, ASSESSMENT_FIELDS, batch_size=200)


# The import page


def stage_upload(
    partnership: Partnership, *, uploaded_by: User, file_name: str, file: BinaryIO
) -> PendingImport:
    """Check an uploaded file's document for the partnership, and keep the file (compressed)
    until its uploader confirms it; their older ones go.

    DocumentRejected lists the document's problems (by cell for a workbook), and nothing is
    kept.
    """
    kept = read_upload(
        file, lambda document: preview_import(document, partnership_code=partnership.code)
    )
    with transaction.atomic():
        PendingImport.objects.filter(uploaded_by=uploaded_by).delete()
        return PendingImport.objects.create(
            partnership=partnership,
            uploaded_by=uploaded_by,
            file_name=file_name[:255],
            holds=kept.holds,
            compressed=kept.compressed,
        )


def preview_upload(pending: PendingImport) -> ImportSummary:
    """What confirming a staged document would do now."""
    return preview_import(
        read_kept(pending.holds, pending.compressed), partnership_code=pending.partnership.code
    )


def confirm_upload(pending: PendingImport, *, acting_user: User | None) -> ImportSummary:
    """Import a staged document, read and checked again as it is now; it is then discarded."""
    code = pending.partnership.code
    with transaction.atomic():
        # The document is read inside the plan, so that only the plan holds its parts.
        summary = import_planned(
            lambda: plan_import(
                read_kept(pending.holds, pending.compressed), partnership_code=code
            ),
            acting_user=acting_user,
        )
        pending.delete()
    return summary


def discard_upload(pending: PendingImport) -> None:
    pending.delete()


def record_export(
    partnership: Partnership,
    *,
    file_format: str,
    acting_user: User | None = None,
    actor_username: str | None = None,
) -> None:
    """Every export of a partnership's records leaves a row in its audit trail."""
    audit.record(
        AuditAction.EXPORT,
        actor=acting_user,
        actor_username=actor_username,
        obj=partnership,
        partnership=partnership,
        object_repr=f"Exchange document ({file_format}) of {partnership.code}",
    )


# Trackers: a partnership's own spreadsheet, mapped onto the records step by step


@dataclass(frozen=True)
class StagedTracker:
    pending: PendingImport
    ready: bool  # the partnership's saved mapping fits it all: straight to the check


def is_tracker(file_name: str, data: bytes) -> bool:
    """Whether an upload is a partnership's own tracker rather than the template or a
    document: a .csv file, or an Excel workbook without the template's sheets. Anything
    else is left to the template's import, which says what the file is."""
    if file_name.lower().endswith(".csv"):
        return True
    if filekinds.described(data) != filekinds.EXCEL:
        return False
    try:
        book = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # openpyxl raises many kinds: the tracker's reader says what is wrong
        return True
    try:
        names = set(book.sheetnames)
    finally:
        book.close()
    return len(names & set(TEMPLATE_SHEETS)) * 2 <= len(TEMPLATE_SHEETS)


def stage_tracker(
    partnership: Partnership, *, uploaded_by: User, file_name: str, data: bytes
) -> StagedTracker:
    """Keep a tracker (compressed) with the mapping suggested for it, the partnership's saved
    mapping first, until its uploader has chosen the mapping and confirmed; their older
    uploads go. DocumentRejected says why a file cannot be read as a spreadsheet."""
    workbook = read_spreadsheet(data, file_name)
    saved = saved_mapping_for(partnership)
    mapping = suggest_mapping(workbook, partnership, saved)
    with transaction.atomic():
        PendingImport.objects.filter(uploaded_by=uploaded_by).delete()
        pending = PendingImport.objects.create(
            partnership=partnership,
            uploaded_by=uploaded_by,
            file_name=file_name[:255],
            holds=PendingImport.Holds.TRACKER,
            compressed=zlib.compress(data),
            mapping=mapping.to_json(),
        )
    return StagedTracker(pending, saved is not None and fits(saved, mapping, workbook))


def fits(saved: TrackerMapping, mapping: TrackerMapping, workbook: Workbook) -> bool:
    """Whether the saved mapping says all there is to say about the workbook: each sheet as
    it was, and every text of its coded columns already mapped."""
    before = {sheet.sheet: sheet for sheet in saved.sheets}
    for sheet in mapping.sheets:
        was = before.get(sheet.sheet)
        if was is None or (was.holds, was.header_row, was.columns) != (
            sheet.holds,
            sheet.header_row,
            sheet.columns,
        ):
            return False
    known: dict[str, set[str]] = {}
    for sheet in saved.sheets:
        for key, chosen in sheet.values.items():
            known.setdefault(key, set()).update(chosen)
    return all(
        set(texts) <= known.get(key, set())
        for key, texts in values_to_map(workbook, mapping).items()
    )


def tracker_workbook(pending: PendingImport) -> Workbook:
    """The tracker a pending import keeps, read again."""
    return read_spreadsheet(zlib.decompress(pending.compressed), pending.file_name)


def tracker_mapping(pending: PendingImport) -> TrackerMapping:
    return TrackerMapping.from_json(pending.mapping)


def _keep_mapping(pending: PendingImport, mapping: TrackerMapping) -> PendingImport:
    pending.mapping = mapping.to_json()
    pending.save(update_fields=["mapping"])
    return pending


def set_sheets(
    pending: PendingImport, workbook: Workbook, chosen: list[tuple[str, str, int]]
) -> PendingImport:
    """What each sheet holds and the row of its headings; a sheet whose choice changed has
    its columns suggested again."""
    mapping = tracker_mapping(pending)
    before = {sheet.sheet: sheet for sheet in mapping.sheets}
    sheets = []
    for name, holds, header_row in chosen:
        was = before.get(name)
        if was is not None and (was.holds, was.header_row) == (holds, header_row):
            sheets.append(was)
        else:
            sheets.append(SheetMapping(name, holds, header_row, {}, {}))
    return _keep_mapping(pending, resuggested(workbook, pending.partnership, sheets))


def set_columns(
    pending: PendingImport, workbook: Workbook, columns: dict[str, dict[str, str | None]]
) -> PendingImport:
    """The field each column holds, by sheet; values of newly mapped columns suggested."""
    mapping = tracker_mapping(pending)
    for sheet in mapping.sheets:
        if sheet.sheet in columns:
            sheet.columns = columns[sheet.sheet]
    return _keep_mapping(pending, resuggested(workbook, pending.partnership, mapping.sheets))


def set_values(pending: PendingImport, values: dict[str, dict[str, str]]) -> PendingImport:
    """What each text of the coded columns means, by field: in each sheet that maps it."""
    mapping = tracker_mapping(pending)
    for sheet in mapping.sheets:
        mapped = {key for key in sheet.columns.values() if key}
        for key, chosen in values.items():
            if key in mapped:
                sheet.values[key] = dict(chosen)
    return _keep_mapping(pending, mapping)


def resuggested(
    workbook: Workbook, partnership: Partnership, sheets: list[SheetMapping]
) -> TrackerMapping:
    """The mapping chosen so far, with what it does not say yet suggested."""
    return suggest_mapping(workbook, partnership, TrackerMapping(sheets))


def _planned(pending: PendingImport, workbook: Workbook | None = None) -> Plan:
    """The plan of importing a staged tracker with its mapping, against the records as they
    are now."""
    partnership = pending.partnership
    book = workbook or tracker_workbook(pending)
    return plan_tracker(book, tracker_mapping(pending), partnership, partnership.code)


def plan_tracker(
    workbook: Workbook,
    mapping: TrackerMapping,
    partnership: Partnership | None,
    partnership_code: str,
) -> Plan:
    """What importing the tracker would do, its document checked once rather than twice:
    DocumentRejected places what the checks find at the tracker's rows, grouped."""
    document, placed = unchecked_document(workbook, mapping, partnership, partnership_code)
    try:
        return plan_import(document, partnership_code=partnership_code)
    except DocumentRejected as rejected:
        raise placed(list(rejected.problems), rejected.more) from None


def preview_tracker(pending: PendingImport, workbook: Workbook | None = None) -> ImportSummary:
    """What importing the tracker with its mapping would do now (DocumentRejected: why not)."""
    plan = _planned(pending, workbook)
    return ImportSummary(plan.partnership.code, plan.tallies, named_changes(plan.writes))


def confirm_tracker(pending: PendingImport, *, acting_user: User | None) -> ImportSummary:
    """Import the tracker with its mapping, checked again as the records are now, and save
    the mapping for the partnership's next upload; the pending import is then discarded."""
    partnership, mapping = pending.partnership, tracker_mapping(pending)
    with writes.acting(acting_user, ("add", "imports"), within=pending) as act:
        summary = import_planned(
            lambda: _planned(pending),
            acting_user=acting_user,
        )
        saved = SavedTrackerMapping.objects.filter(partnership=partnership).first()
        saved = saved or SavedTrackerMapping(partnership=partnership)
        tracked = act.track(saved, ["mapping"])
        saved.mapping, saved.saved_by = mapping.to_json(), acting_user
        tracked.save(partnership=partnership, object_repr=f"Tracker mapping of {partnership.code}")
        pending.delete()
    return summary
