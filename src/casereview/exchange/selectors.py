"""Reading a partnership's records as an exchange document (spec/exchange-format.md).

`snapshot(partnership)` is the document the export writes, with the primary key behind each
id: the import compares a document with the snapshot, so what it reports as unchanged is
exactly what the export would write back. A few queries per kind of record, whatever the
number of records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet

from casereview.accounts.mapping import AGENCY, GLOSSARY_TERM, PARTNERSHIP
from casereview.accounts.models import GlossaryTerm, Partnership, User
from casereview.actionplans.mapping import ACTION, PROGRESS_UPDATE, RECOMMENDATION
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.core.mapping import RecordMapping
from casereview.core.tenancy import user_may
from casereview.exchange.models import PendingImport, SavedTrackerMapping
from casereview.exchange.problems import DocumentRejected
from casereview.learning.mapping import LEARNING_EVENT
from casereview.learning.models import EventAttendance, LearningEvent
from casereview.referrals.criteria import Assessment, Deadlines
from casereview.referrals.mapping import (
    CHILD,
    DECISION,
    PANEL_SUBMISSION,
    RAPID_REVIEW,
    REFERRAL,
)
from casereview.referrals.models import Decision, PanelSubmission, RapidReview, Referral
from casereview.reviews.mapping import (
    DOCUMENT,
    FAMILY_CONTRIBUTION,
    LEARNING_POINT,
    PARALLEL_PROCESS,
    REVIEW,
    publication_entry,
)
from casereview.reviews.models import (
    FamilyContribution,
    LearningPoint,
    ParallelProcess,
    Review,
    ReviewDocument,
)
from casereview.themes.models import Theme

if TYPE_CHECKING:
    from casereview.exchange.trackers import TrackerMapping

FORMAT = "casereview-exchange"
# The versions the import reads: 2 adds the statutory process since 2018 (the rapid review,
# the matters for a local review, the Panel's newer responses); a version 1 document reads as
# if those keys were absent. The export writes the latest.
FIRST_VERSION, VERSION = 1, 2
VERSIONS = (FIRST_VERSION, VERSION)
# The keys version 2 adds, each with the record that holds it (spec/exchange-format.md).
VERSION_2_KEYS = (("referral", "rapid_review"), ("decision", "considerations"))


@dataclass
class Keys:
    """The primary key behind each id of a snapshot, and behind each item of a nested list."""

    agencies: dict[str, int] = field(default_factory=dict)
    children: dict[str, int] = field(default_factory=dict)
    referrals: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)  # by referral id
    submissions: dict[str, int] = field(default_factory=dict)  # by referral id
    rapid_reviews: dict[str, int] = field(default_factory=dict)  # by referral id
    reviews: dict[str, int] = field(default_factory=dict)
    parallel_processes: dict[str, list[int]] = field(default_factory=dict)  # by review id
    family_contribution: dict[str, list[int]] = field(default_factory=dict)
    learning_points: dict[str, list[int]] = field(default_factory=dict)
    documents: dict[str, list[int]] = field(default_factory=dict)
    recommendations: dict[str, dict[int, int]] = field(default_factory=dict)  # review, number
    actions: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    updates: dict[tuple[str, int, int], list[int]] = field(default_factory=dict)
    learning_events: dict[str, int] = field(default_factory=dict)
    glossary: dict[str, int] = field(default_factory=dict)  # by term
    references: dict[str, str] = field(default_factory=dict)  # referral reference -> its id
    # The other way: the id of each record by primary key.
    agency_ids: dict[int, str] = field(default_factory=dict)
    child_ids: dict[int, str] = field(default_factory=dict)
    review_ids: dict[int, str] = field(default_factory=dict)

    @property
    def ids(self) -> dict[str, dict[int, str]]:
        """The id of each primary key, by the collection a mapping's record key names."""
        return {"agencies": self.agency_ids, "children": self.child_ids, "reviews": self.review_ids}


@dataclass
class Snapshot:
    document: dict[str, Any]
    keys: Keys


def export_document(partnership: Partnership) -> dict[str, Any]:
    """Everything the partnership records, as one exchange document."""
    return snapshot(partnership).document


def exchange_ids(rows: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """Each record's id: its external key, else a stable one made from `fallback` (its
    reference, or its kind and number), never one another record already has."""
    rows = list(rows)
    taken = {key for _, key, _ in rows if key}
    ids: dict[int, str] = {}
    for pk, key, fallback in rows:
        if key:
            ids[pk] = key
            continue
        candidate, n = fallback, 1
        while candidate in taken:
            n += 1
            candidate = f"{fallback}-{n}"
        ids[pk] = candidate
        taken.add(candidate)
    return ids


K = TypeVar("K")
V = TypeVar("V")


def _grouped(pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    groups: dict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return groups


def _records(
    model: type[Model], partnership: Partnership, fallback: Callable[[Any], str]
) -> tuple[list[Any], dict[int, str]]:
    """The partnership's records of `model`, oldest first, and the id of each: its external
    key, else one made from `fallback(record)` (its reference, or its kind and number)."""
    rows: list[Any] = list(model._default_manager.filter(partnership=partnership).order_by("pk"))
    return rows, exchange_ids((row.pk, row.external_key, fallback(row)) for row in rows)


def _linked(through: type[Model], within: Q, source: str, target: str) -> dict[Any, list[Any]]:
    """The rows of a many-to-many relation `within` the partnership: each record's `target`s
    ("child_id", "theme__code") by its `source` ("review_id"), in the order they were linked."""
    rows = through._default_manager.filter(within).order_by("pk")
    return _grouped(rows.values_list(source, target))


def snapshot(partnership: Partnership) -> Snapshot:
    keys = Keys()
    agencies = _agencies(partnership, keys)
    children = _children(partnership, keys)
    reviews = _reviews(partnership, keys)
    referrals = _referrals(partnership, keys)
    events = _learning_events(partnership, keys)
    glossary = []
    for term in GlossaryTerm.objects.filter(partnership=partnership).order_by("pk"):
        keys.glossary[term.term] = term.pk
        glossary.append(GLOSSARY_TERM.to_item(term, {}))
    document = {
        "format": FORMAT,
        "version": VERSION,
        "partnership": PARTNERSHIP.to_item(partnership, {}),
        "agencies": agencies,
        "children": children,
        "referrals": referrals,
        "reviews": reviews,
        "learning_events": events,
        "glossary": glossary,
    }
    return Snapshot(document, keys)


def _agencies(partnership: Partnership, keys: Keys) -> list[dict[str, Any]]:
    keys.agencies, keys.agency_ids, items = _listed(partnership, AGENCY, "agency")
    return items


def _children(partnership: Partnership, keys: Keys) -> list[dict[str, Any]]:
    keys.children, keys.child_ids, items = _listed(partnership, CHILD, "child")
    return items


def _listed(
    partnership: Partnership, mapping: RecordMapping[Any], kind: str
) -> tuple[dict[str, int], dict[int, str], list[dict[str, Any]]]:
    """The partnership's records of a mapping that holds nothing else (agencies, children),
    each as an item whose id is its external key or `kind-pk`; with the primary key of each
    id, and the id of each primary key."""
    rows, ids = _records(mapping.model, partnership, lambda row: f"{kind}-{row.pk}")
    items = [{"id": ids[row.pk], **mapping.to_item(row, {})} for row in rows]
    return {ids[row.pk]: row.pk for row in rows}, ids, items


def _referrals(partnership: Partnership, keys: Keys) -> list[dict[str, Any]]:
    rows, ids = _records(Referral, partnership, lambda r: r.reference)
    child_ids = keys.child_ids
    children = _linked(
        Referral.children.through,
        Q(referral__partnership=partnership),
        "referral_id",
        "child_id",
    )
    decisions = {
        d.referral_id: d for d in Decision.objects.filter(referral__partnership=partnership)
    }
    submissions = {
        s.referral_id: s for s in PanelSubmission.objects.filter(partnership=partnership)
    }
    rapid_reviews = {r.referral_id: r for r in RapidReview.objects.filter(partnership=partnership)}
    rapid_review_agencies = _linked(
        RapidReview.agencies.through,
        Q(rapidreview__partnership=partnership),
        "rapidreview_id",
        "agency_id",
    )
    found, record_ids = [], keys.ids
    for r in rows:
        key = ids[r.pk]
        keys.referrals[key] = r.pk
        keys.references[r.reference] = key
        decision, submission = decisions.get(r.pk), submissions.get(r.pk)
        if decision is not None:
            keys.decisions[key] = decision.pk
        if submission is not None:
            keys.submissions[key] = submission.pk
        rapid_review, rapid_item = rapid_reviews.get(r.pk), None
        if rapid_review is not None:
            keys.rapid_reviews[key] = rapid_review.pk
            agencies = rapid_review_agencies.get(rapid_review.pk, [])
            rapid_item = rapid_review_item(rapid_review, [keys.agency_ids[pk] for pk in agencies])
        found.append(
            {
                "id": key,
                "reference": r.reference,
                **REFERRAL.to_item(r, record_ids),
                "children": [child_ids[pk] for pk in children.get(r.pk, [])],
                "decision": DECISION.to_item(decision, record_ids) if decision else None,
                "national_panel": PANEL_SUBMISSION.to_item(submission, {}) if submission else None,
                "rapid_review": rapid_item,
                "assessment": stored_assessment(r).as_dict(),
            }
        )
    return found


def rapid_review_item(rapid_review: RapidReview, agencies: list[str]) -> dict[str, Any]:
    """The rapid review as the document holds it, its keys in the format's order."""
    item = RAPID_REVIEW.to_item(rapid_review, {})
    signed = item.pop("signed_off_by")
    return {**item, "agencies": agencies, "signed_off_by": signed}


def stored_assessment(referral: Referral) -> Assessment:
    """What the criteria engine advised, as the services stored it."""
    return Assessment(
        referral.assessed_framework,
        referral.assessed_outcome,
        tuple(referral.assessed_reasons),
        Deadlines(referral.notify_by, referral.decide_by, referral.rapid_review_by),
    )


def _reviews(partnership: Partnership, keys: Keys) -> list[dict[str, Any]]:
    rows, ids = _records(Review, partnership, lambda r: r.reference or f"review-{r.pk}")
    keys.review_ids = ids
    in_partnership = Q(review__partnership=partnership)
    children = _linked(Review.children.through, in_partnership, "review_id", "child_id")
    themes = _linked(Review.themes.through, in_partnership, "review_id", "theme__code")
    parts = _review_parts(partnership, keys, ids)
    found = []
    for r in rows:
        key = ids[r.pk]
        keys.reviews[key] = r.pk
        found.append(
            {
                "id": key,
                **REVIEW.to_item(r, {}),
                **publication_entry(r),
                "children": [keys.child_ids[pk] for pk in children.get(r.pk, [])],
                "themes": themes.get(r.pk, []),
                **{name: items.get(r.pk, []) for name, items in parts.items()},
            }
        )
    return found


def _review_parts(
    partnership: Partnership, keys: Keys, review_ids: dict[int, str]
) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """The lists under each review, by review pk; their pks go into `keys` by review id."""
    in_partnership = Q(review__partnership=partnership)
    parts: dict[str, dict[int, list[dict[str, Any]]]] = {
        name: defaultdict(list)
        for name in (
            "parallel_processes",
            "family_contribution",
            "learning_points",
            "recommendations",
            "documents",
        )
    }

    record_ids = keys.ids

    def add(name: str, review_pk: int, pk: int, item: dict[str, Any]) -> None:
        parts[name][review_pk].append(item)
        getattr(keys, name).setdefault(review_ids[review_pk], []).append(pk)

    for p in ParallelProcess.objects.filter(in_partnership).order_by("pk"):
        add("parallel_processes", p.review_id, p.pk, PARALLEL_PROCESS.to_item(p, {}))
    for c in FamilyContribution.objects.filter(in_partnership).order_by("pk"):
        add("family_contribution", c.review_id, c.pk, FAMILY_CONTRIBUTION.to_item(c, record_ids))
    point_themes = _linked(
        LearningPoint.themes.through,
        Q(learningpoint__review__partnership=partnership),
        "learningpoint_id",
        "theme__code",
    )
    for point in LearningPoint.objects.filter(in_partnership).order_by("position", "pk"):
        item = {**LEARNING_POINT.to_item(point, {}), "themes": point_themes.get(point.pk, [])}
        add("learning_points", point.review_id, point.pk, item)
    for d in ReviewDocument.objects.filter(in_partnership).order_by("pk"):
        add("documents", d.review_id, d.pk, DOCUMENT.to_item(d, {}))
    actions = _actions(partnership, keys)
    # A national review's recommendations are not in the format: the export leaves them out,
    # and so an import, matching recommendations by review and number, leaves them be.
    local = Recommendation.objects.filter(partnership=partnership, review__isnull=False)
    for rec in local.order_by("number", "pk"):
        review_pk = rec.review_id
        assert review_pk is not None  # a local review's
        review_key = review_ids[review_pk]
        keys.recommendations.setdefault(review_key, {})[rec.number] = rec.pk
        listed = actions.get(rec.pk, [])
        keys.actions[(review_key, rec.number)] = [pk for pk, _, _ in listed]
        for position, (_, _, update_pks) in enumerate(listed):
            keys.updates[(review_key, rec.number, position)] = update_pks
        parts["recommendations"][review_pk].append(
            {
                **RECOMMENDATION.to_item(rec, record_ids),
                "actions": [item for _, item, _ in listed],
            }
        )
    return parts


def _actions(
    partnership: Partnership, keys: Keys
) -> dict[int, list[tuple[int, dict[str, Any], list[int]]]]:
    """Each recommendation's actions: (pk, item, pks of its updates), in their order."""
    updates = _grouped(
        (u.action_id, u)
        for u in ProgressUpdate.objects.filter(
            action__partnership=partnership, action__recommendation__review__isnull=False
        ).order_by("pk")
    )
    found: dict[int, list[tuple[int, dict[str, Any], list[int]]]] = defaultdict(list)
    record_ids = keys.ids
    local = AgencyAction.objects.filter(
        partnership=partnership, recommendation__review__isnull=False
    ).order_by("position", "pk")
    for a in local:
        listed = updates.get(a.pk, [])
        item = {
            **ACTION.to_item(a, record_ids),
            "updates": [PROGRESS_UPDATE.to_item(u, {}) for u in listed],
        }
        found[a.recommendation_id].append((a.pk, item, [u.pk for u in listed]))
    return found


def _learning_events(partnership: Partnership, keys: Keys) -> list[dict[str, Any]]:
    rows, ids = _records(LearningEvent, partnership, lambda e: f"event-{e.pk}")
    in_partnership = Q(learningevent__partnership=partnership)
    themes = _linked(
        LearningEvent.themes.through, in_partnership, "learningevent_id", "theme__code"
    )
    reviews = _linked(
        LearningEvent.reviews.through, in_partnership, "learningevent_id", "review_id"
    )
    attendance = _grouped(
        (row.event_id, row)
        for row in EventAttendance.objects.filter(event__partnership=partnership).order_by("pk")
    )
    agency_ids, review_ids = keys.agency_ids, keys.review_ids
    found = []
    for e in rows:
        keys.learning_events[ids[e.pk]] = e.pk
        found.append(
            {
                "id": ids[e.pk],
                **LEARNING_EVENT.to_item(e, {}),
                "themes": themes.get(e.pk, []),
                "reviews": [review_ids[pk] for pk in reviews.get(e.pk, [])],
                "attendance_by_agency": {
                    agency_ids[row.agency_id]: row.attended for row in attendance.get(e.pk, [])
                },
            }
        )
    return found


def theme_ids_for(partnership: Partnership | None) -> dict[str, int]:
    """The theme codes a document may use, the national taxonomy's and the partnership's own,
    with their primary keys."""
    owners = Q(partnership__isnull=True)
    if partnership is not None and partnership.pk:
        owners |= Q(partnership=partnership)
    return dict(Theme.objects.filter(owners).values_list("code", "pk"))


def pending_imports_for(user: User) -> QuerySet[PendingImport]:
    """Uploaded documents waiting for the person to confirm them (none outside their reach)."""
    return PendingImport.objects.restrict(user, "add").filter(uploaded_by=user)


def may_import(user: User) -> bool:
    return user_may(user, "add", "imports")


def saved_mapping_for(partnership: Partnership) -> TrackerMapping | None:
    """How the partnership's own tracker was last mapped, when an import with it was
    confirmed; None if never, or if the saved mapping can no longer be read."""
    from casereview.exchange.trackers import TrackerMapping  # it reads this module

    saved = SavedTrackerMapping.objects.filter(partnership=partnership).first()
    if saved is None:
        return None
    try:
        return TrackerMapping.from_json(saved.mapping)
    except DocumentRejected:
        return None
