"""What an import would do: a checked document compared with the partnership's snapshot.

Nothing is written here. A `Plan` holds each record the document describes, built as it
should be stored, and says which to create, change or delete, each with the before/after its
audit row will carry; records the document leaves as they are appear only in the tallies.
Records are matched by id (their external key); the lists under a review (parallel
processes, family contribution, learning points, documents, a recommendation's actions and an
action's updates) by their place in the list, and recommendations by their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast, overload

from django.db import models

from casereview.accounts.mapping import AGENCY, GLOSSARY_TERM, PARTNERSHIP
from casereview.accounts.models import Agency, Partnership
from casereview.actionplans.mapping import ACTION, PROGRESS_UPDATE, RECOMMENDATION
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.core.audit import difference
from casereview.core.choices import AuditAction
from casereview.core.mapping import Kind
from casereview.exchange.problems import Problem
from casereview.exchange.selectors import VERSION_2_KEYS, Keys, Snapshot
from casereview.learning.mapping import LEARNING_EVENT
from casereview.learning.models import EventAttendance, LearningEvent
from casereview.referrals.mapping import (
    CHILD,
    DECISION,
    PANEL_SUBMISSION,
    RAPID_REVIEW,
    REFERRAL,
)
from casereview.referrals.models import Child, Decision, PanelSubmission, RapidReview, Referral
from casereview.referrals.services import ASKS_FOR_REPLY, ASSESSMENT_FIELDS, reassess
from casereview.reviews import lifecycle
from casereview.reviews.mapping import (
    DOCUMENT,
    FAMILY_CONTRIBUTION,
    LEARNING_POINT,
    PARALLEL_PROCESS,
    PUBLICATION,
    REVIEW,
    fill_publication,
)
from casereview.reviews.models import (
    FamilyContribution,
    LearningPoint,
    ParallelProcess,
    Review,
    ReviewDocument,
)
from casereview.themes.models import Theme

MAPPINGS = (
    AGENCY,
    GLOSSARY_TERM,
    CHILD,
    REFERRAL,
    DECISION,
    PANEL_SUBMISSION,
    RAPID_REVIEW,
    REVIEW,
    PARALLEL_PROCESS,
    FAMILY_CONTRIBUTION,
    DOCUMENT,
    LEARNING_POINT,
    RECOMMENDATION,
    ACTION,
    PROGRESS_UPDATE,
    LEARNING_EVENT,
)
# The kinds of record an import counts, in the order a person reads them.
KINDS = (
    "partnership",
    "agencies",
    "children",
    "referrals",
    "decisions",
    "national panel submissions",
    "rapid reviews",
    "reviews",
    "parallel processes",
    "family contributions",
    "learning points",
    "documents",
    "recommendations",
    "actions",
    "progress updates",
    "learning events",
    "glossary terms",
)
# What each kind's records hold in the format: what a change writes (with the columns the
# service computes from them).
STORED_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    **{mapping.model: mapping.stored_fields for mapping in MAPPINGS},
    Referral: ("reference", *REFERRAL.stored_fields),
    PanelSubmission: (*PANEL_SUBMISSION.stored_fields, "reply_due"),
    Review: (*REVIEW.stored_fields, *PUBLICATION.stored_fields, "complete_by"),
    AgencyAction: (*ACTION.stored_fields, "last_update"),
}
# The records kept in lists, matched by their place in the list.
LISTED_MODELS: dict[str, type[models.Model]] = {
    "parallel processes": ParallelProcess,
    "family contributions": FamilyContribution,
    "learning points": LearningPoint,
    "documents": ReviewDocument,
    "actions": AgencyAction,
    "progress updates": ProgressUpdate,
}
# Keys that are records of their own, or computed, rather than facts of the record holding them.
NOT_FACTS = {
    "decision",
    "national_panel",
    "rapid_review",
    "assessment",
    "parallel_processes",
    "family_contribution",
    "learning_points",
    "recommendations",
    "documents",
    "actions",
    "updates",
}


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


@dataclass
class Write:
    """One record to create, change or delete, and what its audit row will say.

    A new record's audit row shows the document's item, read when the row is written rather
    than copied here: a large import keeps one copy of its records in memory, not two.
    """

    kind: str
    action: str  # AuditAction.CREATE, CHANGE or DELETE
    obj: models.Model
    changes: dict[str, Any] | None = None
    object_repr: str | None = None
    created_from: dict[str, Any] | None = None

    def audit_changes(self) -> dict[str, Any]:
        if self.changes is None:
            return {"after": facts(self.created_from)}
        return self.changes


@dataclass
class Links:
    """The many-to-many rows one record should have, replacing any it has."""

    through: type[models.Model]
    parent_field: str
    parent: models.Model
    target_field: str
    targets: list[models.Model]
    replace: bool


@dataclass
class Plan:
    partnership: Partnership
    writes: list[Write] = field(default_factory=list)
    links: list[Links] = field(default_factory=list)
    attendance: dict[int, tuple[LearningEvent, list[EventAttendance], bool]] = field(
        default_factory=dict
    )
    # Computed columns to bring up to date on records whose facts did not change.
    touch: list[tuple[models.Model, tuple[str, ...]]] = field(default_factory=list)
    new_references: list[Referral] = field(default_factory=list)
    taken_references: set[str] = field(default_factory=set)
    changed_children: list[Child] = field(default_factory=list)
    nation_changed: bool = False
    referral_ids: set[int] = field(default_factory=set)
    tallies: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})

    @property
    def changes_anything(self) -> bool:
        return bool(self.writes or self.links or self.attendance or self.touch)

    def records(self) -> int:
        return sum(t.created + t.updated + t.deleted + t.unchanged for t in self.tallies.values())


@overload
def facts(item: dict[str, Any]) -> dict[str, Any]: ...


@overload
def facts(item: dict[str, Any] | None) -> dict[str, Any] | None: ...


def facts(item: dict[str, Any] | None) -> dict[str, Any] | None:
    """The record's own facts, as its audit row shows them (lists of its own records apart)."""
    if item is None:
        return None
    return {key: value for key, value in item.items() if key not in NOT_FACTS}


def keys_of(*kinds: Kind) -> set[str]:
    """The document's keys of these kinds, in any record."""
    mappings = (*MAPPINGS, PUBLICATION)  # a review's publication is an object of its own keys
    return {field.key for mapping in mappings for field in mapping.fields if field.kind in kinds}


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The document as the export would write the same records: "" where null is meant is
    null, and 3.0 is 3. Parts that need no change are shared with the document, not copied."""
    nullable = keys_of(Kind.OPTIONAL_TEXT)
    counts = keys_of(Kind.COUNT, Kind.OPTIONAL_COUNT)

    def clean(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            inner = "attendance" if key == "attendance_by_agency" else None
            cleaned = {k: clean(v, inner or k) for k, v in value.items()}
            same = all(cleaned[k] is value[k] for k in value)
            return value if same else cleaned
        if isinstance(value, list):
            cleaned_list = [clean(v) for v in value]
            same = all(a is b for a, b in zip(cleaned_list, value, strict=True))
            return value if same else cleaned_list
        if key in nullable and value == "":
            return None
        if key in counts and isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    return clean(document)


def with_absent_kept(document: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The document with each key of version 2 that it leaves out (a version 1 document
    leaves out them all) as the partnership's records hold it: a document that says nothing
    of a referral's rapid review, or of a decision's matters for a local review, leaves them
    as they are, and a new record has none. Items are copied only where a key is filled in."""
    old_referrals = {item["id"]: item for item in old.get("referrals", [])}
    referrals = []
    for item in document["referrals"]:
        before = old_referrals.get(item["id"], {})
        missing = [key for record, key in VERSION_2_KEYS if record == "referral"]
        missing = [key for key in missing if key not in item]
        decision = item["decision"]
        decision_keys = [key for record, key in VERSION_2_KEYS if record == "decision"]
        decision_missing = isinstance(decision, dict) and any(
            key not in decision for key in decision_keys
        )
        if not missing and not decision_missing:
            referrals.append(item)
            continue
        item = dict(item)
        for key in missing:
            item[key] = before.get(key)
        if decision_missing:
            old_decision = before.get("decision") or {}
            kept = {key: list(old_decision.get(key, [])) for key in decision_keys}
            item["decision"] = {**kept, **decision}
        referrals.append(item)
    return {**document, "referrals": referrals}


def with_publication_kept(
    reviews: list[dict[str, Any]], old: dict[str, Any]
) -> list[dict[str, Any]]:
    """A review item that leaves out its publication (a version 1 document) with the
    publication as recorded (null for a new review); items are copied only where filled in."""
    if all("publication" in item for item in reviews):
        return reviews
    recorded = {item["id"]: item.get("publication") for item in old.get("reviews", [])}
    return [
        item if "publication" in item else {**item, "publication": recorded.get(item["id"])}
        for item in reviews
    ]


class Planner:
    """Builds the plan for one checked document; DB-dependent problems go to `problems`."""

    def __init__(
        self,
        document: dict[str, Any],
        partnership: Partnership | None,
        snapshot: Snapshot | None,
        theme_ids: dict[str, int],
    ) -> None:
        self.old = snapshot.document if snapshot else {}
        self.doc = with_absent_kept(normalised(document), self.old)
        # Referrals imported before without a reference keep the one they were given: the
        # plan fills it into its own copy of the item, never into the caller's document.
        self.doc["referrals"] = [
            dict(item) if item.get("reference") is None else item for item in self.doc["referrals"]
        ]
        self.doc["reviews"] = with_publication_kept(self.doc["reviews"], self.old)
        self.keys = snapshot.keys if snapshot else Keys()
        self.themes = {code: Theme(pk=pk, code=code) for code, pk in theme_ids.items()}
        self.problems: list[Problem] = []
        self.plan = Plan(partnership or Partnership())
        self.agencies: dict[str, Agency] = {}
        self.children: dict[str, Child] = {}
        self.reviews: dict[str, Review] = {}
        self._old_index: dict[str, dict[str, dict[str, Any]]] = {}
        # The records each record's many-to-many lists name, by the record's identity.
        self.related: dict[int, dict[str, list[models.Model]]] = {}
        self.changed_children: set[int] = set()

    @property
    def records(self) -> dict[str, dict[str, Any]]:
        """The records built so far by id, for the keys that name another record."""
        return {"agencies": self.agencies, "reviews": self.reviews}

    def build(self) -> Plan:
        self.plan_partnership()
        self.agencies = self.top_level("agencies", "agencies", self.agency)
        self.check_agency_names()
        self.children = self.top_level("children", "children", self.child)
        self.reviews = self.top_level("reviews", "reviews", self.review)
        self.top_level("referrals", "referrals", self.referral)
        for review_item in self.doc["reviews"]:
            self.review_parts(review_item, self.reviews[review_item["id"]])
        self.top_level("learning events", "learning_events", self.learning_event)
        self.plan_glossary()
        return self.plan

    # Comparing

    def compare(
        self,
        kind: str,
        obj: models.Model,
        item: dict[str, Any],
        before: dict[str, Any] | None,
    ) -> dict[str, Any] | None:
        """Counts the record; returns what changed ({} if nothing), None when it is new."""
        tally = self.plan.tallies[kind]
        if before is None:
            tally.created += 1
            self.plan.writes.append(Write(kind, AuditAction.CREATE, obj, created_from=item))
            return None
        changed = difference(before, facts(item))
        if changed:
            tally.updated += 1
            self.plan.writes.append(Write(kind, AuditAction.CHANGE, obj, changed))
        else:
            tally.unchanged += 1
        return changed

    def delete(
        self, kind: str, obj: models.Model, before: dict[str, Any] | None, label: str
    ) -> None:
        self.plan.tallies[kind].deleted += 1
        self.plan.writes.append(
            Write(kind, AuditAction.DELETE, obj, {"before": before}, label[:200])
        )

    def top_level(
        self, kind: str, collection: str, build: Callable[[dict[str, Any], int], models.Model]
    ) -> dict[str, Any]:
        known: dict[str, int] = getattr(self.keys, collection)
        old = self.old_by_id(collection)
        built = {}
        for index, item in enumerate(self.doc[collection]):
            obj = build(item, index)
            obj.pk = known.get(item["id"])
            changed = self.compare(kind, obj, item, facts(old.get(item["id"])))
            self.after_compare(kind, obj, item, changed)
            built[item["id"]] = obj
        return built

    def after_compare(
        self, kind: str, obj: models.Model, item: dict[str, Any], changed: dict | None
    ) -> None:
        """Links and computed columns, once it is known whether the record is new or changed."""
        if kind == "children" and changed:
            assert isinstance(obj, Child)
            self.plan.changed_children.append(obj)
            self.changed_children.add(id(obj))
        if kind == "reviews":
            self.link(Review.children.through, "review", obj, "child", changed, "children")
            self.link(Review.themes.through, "review", obj, "theme", changed, "themes")
        if kind == "referrals":
            assert isinstance(obj, Referral)
            self.link(Referral.children.through, "referral", obj, "child", changed, "children")
            self.plan_assessment(obj, item, changed)
            self.plan_decision(obj, item)
            self.plan_submission(obj, item)
            self.plan_rapid_review(obj, item)
        if kind == "learning events":
            assert isinstance(obj, LearningEvent)
            self.link(
                LearningEvent.themes.through, "learningevent", obj, "theme", changed, "themes"
            )
            self.link(
                LearningEvent.reviews.through, "learningevent", obj, "review", changed, "reviews"
            )
            self.plan_attendance(obj, item, changed)

    def link(
        self,
        through: type[models.Model],
        parent_field: str,
        parent: models.Model,
        target_field: str,
        changed: dict | None,
        key: str,
    ) -> None:
        if changed is not None and key not in changed:
            return
        targets = self.related[id(parent)][key]
        self.plan.links.append(
            Links(through, parent_field, parent, target_field, targets, replace=changed is not None)
        )

    # The partnership and its reference data

    def plan_partnership(self) -> None:
        wanted = self.doc["partnership"]
        partnership = self.plan.partnership
        before = self.old.get("partnership")
        PARTNERSHIP.fill(partnership, wanted, {})
        changed = self.compare("partnership", partnership, wanted, before)
        self.plan.nation_changed = bool(changed and "nation" in changed)

    def agency(self, item: dict[str, Any], index: int) -> Agency:
        return AGENCY.from_item(
            item, {}, partnership=self.plan.partnership, external_key=item["id"]
        )

    def check_agency_names(self) -> None:
        """An agency's name is unique in its partnership, counting the agencies kept as they are."""
        in_document = {item["id"] for item in self.doc["agencies"]}
        kept = {
            item["name"]: item["id"]
            for item in self.old.get("agencies", [])
            if item["id"] not in in_document
        }
        for index, item in enumerate(self.doc["agencies"]):
            if item["name"] in kept:
                self.problems.append(
                    Problem(
                        ("agencies", index, "name"),
                        f"{item['name']!r} is already the name of agency {kept[item['name']]!r}: "
                        "give this agency a name of its own, or use the id "
                        f"{kept[item['name']]!r} to update that agency",
                    )
                )

    def plan_glossary(self) -> None:
        old = {item["term"]: item for item in self.old.get("glossary", [])}
        for item in self.doc["glossary"]:
            term = GLOSSARY_TERM.from_item(item, {}, partnership=self.plan.partnership)
            term.pk = self.keys.glossary.get(item["term"])
            self.compare("glossary terms", term, item, old.get(item["term"]))

    # Children and referrals

    def child(self, item: dict[str, Any], index: int) -> Child:
        return CHILD.from_item(item, {}, partnership=self.plan.partnership, external_key=item["id"])

    def referral(self, item: dict[str, Any], index: int) -> Referral:
        old_id = self.keys.references.get(item["reference"]) if item["reference"] else None
        matched = item["id"] in self.keys.referrals
        if old_id is not None and old_id != item["id"]:
            self.problems.append(
                Problem(
                    ("referrals", index, "reference"),
                    f"{item['reference']!r} is already the reference of case {old_id!r}: give "
                    "this case a reference of its own, or leave it empty (null) to be given the "
                    "next one",
                )
            )
        if item["reference"] is None and matched:
            # The reference it was given when first imported (in the plan's copy of the item).
            item["reference"] = self.old_by_id("referrals")[item["id"]]["reference"]
        referral = REFERRAL.from_item(
            item,
            self.records,
            partnership=self.plan.partnership,
            external_key=item["id"],
            reference=item["reference"] or "",
        )
        self.related[id(referral)] = {"children": [self.children[c] for c in item["children"]]}
        if item["reference"]:
            self.plan.taken_references.add(item["reference"])
        else:
            self.plan.new_references.append(referral)
        return referral

    def plan_assessment(
        self, referral: Referral, item: dict[str, Any], changed: dict | None
    ) -> None:
        """What the guidance requires, computed when what it reads changes and only then
        (ADR 0005): the referral's facts, its children's plan and looked-after flags, or the
        partnership's nation. An unchanged referral keeps the assessment it was given."""
        if referral.pk is not None:
            self.plan.referral_ids.add(referral.pk)
        children = cast("list[Child]", self.related[id(referral)]["children"])  # see referral()
        children_changed = any(id(child) in self.changed_children for child in children)
        if changed == {} and not children_changed and not self.plan.nation_changed:
            return
        found = reassess(referral, children)
        if changed == {}:  # unchanged, so in the snapshot
            old = self.old_by_id("referrals")[item["id"]]
            if found.as_dict() != old["assessment"]:
                self.plan.touch.append((referral, ASSESSMENT_FIELDS))

    def old_by_id(self, collection: str) -> dict[str, dict[str, Any]]:
        """The snapshot's records of a collection by id (made once)."""
        if collection not in self._old_index:
            self._old_index[collection] = {r["id"]: r for r in self.old.get(collection, [])}
        return self._old_index[collection]

    def plan_decision(self, referral: Referral, item: dict[str, Any]) -> None:
        self.plan_one_of_referral(
            "decisions",
            item,
            "decision",
            self.keys.decisions,
            build=lambda wanted: DECISION.from_item(wanted, self.records, referral=referral),
            gone=lambda pk: Decision(pk=pk, referral=referral),
            label=f"Decision on {referral.reference}",
        )

    def plan_submission(self, referral: Referral, item: dict[str, Any]) -> None:
        self.plan_one_of_referral(
            "national panel submissions",
            item,
            "national_panel",
            self.keys.submissions,
            build=lambda wanted: PANEL_SUBMISSION.from_item(
                wanted,
                {},
                partnership=self.plan.partnership,
                referral=referral,
                # a response that asks the partnership something, with no reply recorded
                reply_due=wanted["response"] in ASKS_FOR_REPLY and not wanted["local_response"],
            ),
            gone=lambda pk: PanelSubmission(pk=pk),
            label=f"Submission of {referral.reference}",
        )

    def plan_rapid_review(self, referral: Referral, item: dict[str, Any]) -> None:
        def build(wanted: dict[str, Any]) -> RapidReview:
            rapid_review = RAPID_REVIEW.from_item(
                wanted, {}, partnership=self.plan.partnership, referral=referral
            )
            self.related[id(rapid_review)] = {
                "agencies": [self.agencies[key] for key in wanted["agencies"]]
            }
            return rapid_review

        found = self.plan_one_of_referral(
            "rapid reviews",
            item,
            "rapid_review",
            self.keys.rapid_reviews,
            build=build,
            gone=lambda pk: RapidReview(pk=pk),
            label=f"Rapid review of {referral.reference}",
        )
        if found is not None:
            rapid_review, changed = found
            self.link(
                RapidReview.agencies.through,
                "rapidreview",
                rapid_review,
                "agency",
                changed,
                "agencies",
            )

    def plan_one_of_referral(
        self,
        kind: str,
        item: dict[str, Any],
        key: str,
        recorded: dict[str, int],
        *,
        build: Callable[[dict[str, Any]], models.Model],
        gone: Callable[[int], models.Model],
        label: str,
    ) -> tuple[models.Model, dict | None] | None:
        """A referral's one record of a kind, under `key` of its item (its decision): deleted
        when the item has none and one is recorded (`recorded`, by referral id), else built
        and compared with the one recorded. The record built and what changed (None: new)."""
        wanted = item[key]
        pk = recorded.get(item["id"])
        before = self.old_by_id("referrals")[item["id"]][key] if pk else None
        if wanted is None:
            if pk is not None:
                self.delete(kind, gone(pk), before, label)
            return None
        record = build(wanted)
        record.pk = pk
        return record, self.compare(kind, record, wanted, before)

    # Reviews and what hangs off them

    def review(self, item: dict[str, Any], index: int) -> Review:
        review = REVIEW.from_item(
            item, {}, partnership=self.plan.partnership, external_key=item["id"]
        )
        fill_publication(review, item["publication"])
        review.complete_by = lifecycle.complete_by(review.commissioned)
        self.related[id(review)] = {
            "children": [self.children[c] for c in item["children"]],
            "themes": [self.themes[code] for code in item["themes"]],
        }
        return review

    def review_parts(self, item: dict[str, Any], review: Review) -> None:
        key = item["id"]
        old_parts = self.old_by_id("reviews").get(key, {})

        def listed(kind: str, name: str, build: Callable[[dict, int], models.Model]) -> None:
            self.listed(
                kind,
                item[name],
                old_parts.get(name, []),
                getattr(self.keys, name).get(key, []),
                build,
            )

        listed("parallel processes", "parallel_processes", lambda p, _: self.process(review, p))
        listed("family contributions", "family_contribution", lambda c, _: self.family(review, c))
        listed("learning points", "learning_points", lambda p, i: self.point(review, p, i))
        listed("documents", "documents", lambda d, _: self.document(review, d))
        self.recommendations(key, review, item["recommendations"], old_parts)

    def listed(
        self,
        kind: str,
        items: list[dict[str, Any]],
        old_items: list[dict[str, Any]],
        pks: list[int],
        build: Callable[[dict[str, Any], int], models.Model],
    ) -> list[tuple[models.Model, dict | None]]:
        """A list matched by place: the first item is the first record, and so on; records
        beyond the end of the document's list are deleted. Returns each record and what
        changed in it (None when new)."""
        built = []
        for index, item in enumerate(items):
            obj = build(item, index)
            obj.pk = pks[index] if index < len(pks) else None
            before = facts(old_items[index]) if obj.pk is not None else None
            changed = self.compare(kind, obj, item, before)
            if kind == "learning points":
                self.link(
                    LearningPoint.themes.through, "learningpoint", obj, "theme", changed, "themes"
                )
            built.append((obj, changed))
        for index in range(len(items), len(pks)):
            gone = old_items[index]
            label = gone.get("text") or gone.get("title") or gone.get("member") or gone.get("kind")
            self.delete(kind, LISTED_MODELS[kind](pk=pks[index]), facts(gone), str(label))
        return built

    def process(self, review: Review, item: dict[str, Any]) -> ParallelProcess:
        return PARALLEL_PROCESS.from_item(item, {}, review=review)

    def family(self, review: Review, item: dict[str, Any]) -> FamilyContribution:
        return FAMILY_CONTRIBUTION.from_item(item, self.records, review=review)

    def point(self, review: Review, item: dict[str, Any], index: int) -> LearningPoint:
        point = LEARNING_POINT.from_item(item, {}, review=review, position=index + 1)
        self.related[id(point)] = {"themes": [self.themes[c] for c in item["themes"]]}
        return point

    def document(self, review: Review, item: dict[str, Any]) -> ReviewDocument:
        return DOCUMENT.from_item(item, {}, review=review)

    def recommendations(
        self, key: str, review: Review, items: list[dict[str, Any]], old: dict[str, Any]
    ) -> None:
        """Matched by number; a number the document no longer has is deleted with its actions."""
        old_items = {rec["number"]: rec for rec in old.get("recommendations", [])}
        pks = self.keys.recommendations.get(key, {})
        for item in items:
            number = item["number"]
            recommendation = RECOMMENDATION.from_item(
                item, self.records, partnership=self.plan.partnership, review=review
            )
            recommendation.pk = pks.get(number)
            before = facts(old_items.get(number)) if recommendation.pk else None
            self.compare("recommendations", recommendation, item, before)
            old_actions = old_items[number]["actions"] if recommendation.pk else []
            self.actions(key, recommendation, item["actions"], old_actions)
        for number, pk in pks.items():
            if number not in {item["number"] for item in items}:
                gone = Recommendation(pk=pk, review=review, number=number)
                self.delete("recommendations", gone, old_items[number], str(gone))

    def actions(
        self,
        key: str,
        recommendation: Recommendation,
        items: list[dict[str, Any]],
        old_items: list[dict[str, Any]],
    ) -> None:
        number = recommendation.number
        pks = self.keys.actions.get((key, number), []) if recommendation.pk else []
        built = self.listed(
            "actions", items, old_items, pks, lambda a, i: self.action(recommendation, a, i)
        )
        for index, ((action, changed), item) in enumerate(zip(built, items, strict=True)):
            old_updates = old_items[index]["updates"] if action.pk else []
            update_pks = self.keys.updates.get((key, number, index), []) if action.pk else []
            writes_before = len(self.plan.writes)
            self.listed(
                "progress updates",
                item["updates"],
                old_updates,
                update_pks,
                # mypy infers no lambda with a default argument against a two-argument Callable
                lambda u, _, a=action: PROGRESS_UPDATE.from_item(u, {}, action=a),  # type: ignore[misc]
            )
            if changed == {} and len(self.plan.writes) > writes_before:
                self.plan.touch.append((action, ("last_update",)))  # only its updates changed

    def action(
        self, recommendation: Recommendation, item: dict[str, Any], index: int
    ) -> AgencyAction:
        dates = [dt.date.fromisoformat(u["date"]) for u in item["updates"] if u["date"]]
        return ACTION.from_item(
            item,
            self.records,
            partnership=self.plan.partnership,
            recommendation=recommendation,
            position=index + 1,
            last_update=max(dates) if dates else None,
        )

    # Learning events

    def learning_event(self, item: dict[str, Any], index: int) -> LearningEvent:
        event = LEARNING_EVENT.from_item(
            item, {}, partnership=self.plan.partnership, external_key=item["id"]
        )
        self.related[id(event)] = {
            "themes": [self.themes[code] for code in item["themes"]],
            "reviews": [self.reviews[key] for key in item["reviews"]],
        }
        return event

    def plan_attendance(
        self, event: LearningEvent, item: dict[str, Any], changed: dict | None
    ) -> None:
        if changed is not None and "attendance_by_agency" not in changed:
            return
        rows = [
            EventAttendance(event=event, agency=self.agencies[agency], attended=count)
            for agency, count in item["attendance_by_agency"].items()
        ]
        self.plan.attendance[id(event)] = (event, rows, changed is not None)
