"""Reads of referrals that pages, the home page and later the report share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from casereview.accounts.models import User
from casereview.accounts.selectors import Area, known_areas
from casereview.core.choices import AuditAction, Nation
from casereview.core.models import AuditEvent
from casereview.core.partialdates import time_left_words
from casereview.core.workingdays import add_working_days
from casereview.referrals import rules
from casereview.referrals.choices import SafeguardingPartner
from casereview.referrals.frameworkwords import BOARD, Words, words
from casereview.referrals.models import (
    Child,
    Decision,
    PanelSubmission,
    PanelSubmissionQuerySet,
    RapidReview,
    Referral,
    ReferralDocument,
    ReferralQuerySet,
)

DUE_SOON_WORKING_DAYS = 5
DEADLINE_NAMES = {
    "notify_by": "Notify",
    "decide_by": "Decide whether to review",
    "rapid_review_by": "Send the rapid review to the Panel",
}


def referrals_for(user: User, action: str = "view") -> ReferralQuerySet:
    """The referrals in the person's reach, joined to nothing: each page adds what it shows."""
    return Referral.objects.restrict(user, action)


def referral_records(user: User, action: str = "view") -> ReferralQuerySet:
    """The referrals in reach with everything a referral's own page shows of them: its
    partnership, referring agency, decision, submission to the Panel and rapid review."""
    return referrals_for(user, action).select_related(
        "partnership", "referred_by", "decision", "panel_submission", "rapid_review"
    )


def likely_duplicates(
    user: User, *, pseudonym: str, incident_date: dt.date | None
) -> list[Referral]:
    """The referrals in the person's reach that a new one may repeat: about a child of the
    same pseudonym (in any case or spacing), with the same date of incident. None without an
    incident date: many referrals are about a Child A."""
    name = " ".join(pseudonym.split())
    if incident_date is None or not name:
        return []
    found = (
        referrals_for(user)
        .filter(incident_date=incident_date, children__pseudonym__iexact=name)
        .distinct()
        .order_by("pk")
    )
    return list(found)


def children_for(user: User, action: str = "view") -> QuerySet[Child]:
    return Child.objects.restrict(user, action)


def submissions_for(user: User, action: str = "view") -> PanelSubmissionQuerySet:
    return PanelSubmission.objects.restrict(user, action).select_related(
        "referral", "referral__partnership", "referral__referred_by", "referral__decision"
    )


def rapid_reviews_for(user: User, action: str = "view") -> QuerySet[RapidReview]:
    """The rapid reviews in the person's reach: their partnership's, or for the national
    panel those sent to it from every partnership."""
    return (
        RapidReview.objects.restrict(user, action)
        .select_related("referral", "referral__partnership", "referral__decision")
        .prefetch_related("agencies", "referral__children")
    )


def open_deadlines(on_or_before: dt.date) -> Q:
    """Deadlines not yet met that fall on or before the day: notification not made, the
    decision not recorded, or the rapid review not sent to the Panel."""
    return (
        Q(notify_by__lte=on_or_before, notified__isnull=True)
        | Q(decide_by__lte=on_or_before, decision__isnull=True)
        | Q(rapid_review_by__lte=on_or_before, rapid_review__sent_to_panel__isnull=True)
    )


def due_soon_cutoff(today: dt.date, nation: str) -> dt.date:
    return add_working_days(today, DUE_SOON_WORKING_DAYS, nation)


def overdue(referrals: QuerySet[Referral], today: dt.date) -> QuerySet[Referral]:
    return referrals.filter(open_deadlines(today - dt.timedelta(days=1)))


def due_or_overdue(
    referrals: QuerySet[Referral], today: dt.date, nation: str
) -> QuerySet[Referral]:
    return referrals.filter(open_deadlines(due_soon_cutoff(today, nation)))


@dataclass(frozen=True)
class DeadlineState:
    name: str
    label: str
    due: dt.date
    met: bool
    days: int  # calendar days left (negative: overdue by)
    within_due_soon: bool  # on or before the 5th working day from today

    @property
    def overdue(self) -> bool:
        return not self.met and self.days < 0

    @property
    def due_soon(self) -> bool:
        return not self.met and self.days >= 0 and self.within_due_soon

    @property
    def words(self) -> str:
        if self.met:
            return "Done"
        return time_left_words(self.days)


def deadline_states(referral: Referral, today: dt.date) -> list[DeadlineState]:
    """Each deadline of the referral, whether it is met, and how long is left or how late it is."""
    decided = hasattr(referral, "decision")
    rapid_review = getattr(referral, "rapid_review", None)
    met = {
        "notify_by": referral.notified is not None,
        "decide_by": decided,
        # met by the rapid review sent to the Panel, not by a decision
        "rapid_review_by": rapid_review is not None and rapid_review.sent_to_panel is not None,
    }
    cutoff = due_soon_cutoff(today, referral.partnership.nation)
    states = []
    for name, label in DEADLINE_NAMES.items():
        due = getattr(referral, name)
        if due is None:
            continue
        states.append(
            DeadlineState(
                name=name,
                label=label,
                due=due,
                met=met[name],
                days=(due - today).days,
                within_due_soon=due <= cutoff,
            )
        )
    return states


def register(user: User) -> QuerySet[Referral]:
    """The referral register: the referrals in the person's reach, newest first; its filter is
    referrals.filters.ReferralFilter, and its counts and pages come from it."""
    # The decisions are fetched for the page's referrals alone: joined, PostgreSQL hashed the
    # nation's decisions before sorting and skipping to a deep page (ADR 0019). Only the
    # columns a row shows are read (ADR 0022).
    decisions = Decision.objects.only("referral_id", "outcome")
    return (
        referrals_for(user)
        .select_related("referred_by")
        .only(*REGISTER_ROW, "referred_by__name")
        .prefetch_related(Prefetch("decision", queryset=decisions))
        .order_by("-received", "-pk")
    )


# What a row of the referral register shows (referrals.templatetags.referrals.referral_row).
REGISTER_ROW = ("reference", "received", "received_precision", "referred_by", "assessed_outcome")


def pseudonyms_of(referrals: list[Referral]) -> dict[int, list[str]]:
    """The pseudonyms of each referral's children, in alphabetical order, by referral id: one
    query of plain values, for a page of the register."""
    pseudonyms: dict[int, list[str]] = {}
    named = (
        Referral.children.through.objects.filter(
            referral__in=[referral.pk for referral in referrals]
        )
        .order_by("child__pseudonym", "child__pk")
        .values_list("referral_id", "child__pseudonym")
    )
    for referral_id, pseudonym in named:
        pseudonyms.setdefault(referral_id, []).append(pseudonym)
    return pseudonyms


def submission_register(user: User) -> QuerySet[PanelSubmission]:
    """The submissions to the national panel in the person's reach, the latest sent first
    (keyset paged: core.paging), with what the register shows of each referral."""
    return (
        PanelSubmission.objects.restrict(user, "view")
        .select_related("referral", "referral__partnership", "referral__decision")
        .order_by("-submitted", "-pk")
    )


def decisions_for(user: User, action: str = "view") -> QuerySet[Decision]:
    """The decisions on the referrals in the person's reach for `action`."""
    return Decision.objects.filter(referral__in=Referral.objects.restrict(user, action))


def timeline(referral: Referral) -> list[TimelineEntry]:
    """What happened to the referral, newest first, from the audit trail: when and by whom."""
    objects = Q(object_type="referrals.referral", object_id=str(referral.pk))
    decision = getattr(referral, "decision", None)
    if decision is not None:
        objects |= Q(object_type="referrals.decision", object_id=str(decision.pk))
    submission = getattr(referral, "panel_submission", None)
    if submission is not None:
        objects |= Q(object_type="referrals.panelsubmission", object_id=str(submission.pk))
    rapid_review = getattr(referral, "rapid_review", None)
    if rapid_review is not None:
        objects |= Q(object_type="referrals.rapidreview", object_id=str(rapid_review.pk))
    events = (
        AuditEvent.objects.filter(objects)
        .exclude(action__in=[AuditAction.VIEW, AuditAction.DOWNLOAD, AuditAction.EXPORT])
        .order_by("-id")
    )
    said = words(referral.assessed_framework)
    return [describe(event, said) for event in events]


@dataclass(frozen=True)
class TimelineEntry:
    title: str
    when: dt.datetime
    who: str
    detail: str


FIELD_WORDS = {
    "received": "date received",
    "aware": "date of awareness",
    "incident_date": "incident date",
    "notified": "notification date",
    "referred_by": "referring agency",
    "abuse_or_neglect": "abuse or neglect",
    "interagency_concern": "concern about working together",
    "death_in_custody": "death in custody",
    "suspected_suicide": "suspected suicide",
    "child_lives_in": "where the child lives",
    "harm_happened_in": "where the harm happened",
    "lead_agreed": "area agreed to lead",
}


def describe(event: AuditEvent, said: Words = BOARD) -> TimelineEntry:
    kind, changes = event.object_type.rsplit(".", 1)[-1], event.changes or {}
    after = changes.get("after", {})
    if kind == "referral" and event.action == AuditAction.CREATE:
        title, detail = "Referral recorded", ""
    elif kind == "referral":
        if "children" in changes:
            title, detail = "Child added", changes["children"].get("pseudonym", "")
        else:
            fields = sorted({name.removesuffix("_precision") for name in changes})
            title = "Facts changed"
            detail = ", ".join(FIELD_WORDS.get(name, name.replace("_", " ")) for name in fields)
    elif kind == "rapidreview":
        title, detail = _rapid_review_words(event, changes)
    elif kind == "decision":
        outcome = after.get("outcome") or changes.get("outcome", {}).get("after", "")
        title = "Decision recorded" if event.action == AuditAction.CREATE else "Decision changed"
        detail = outcome.replace("_", " ")
    elif "local_response" in changes:
        title, detail = f"The partnership replied to {said.panel_short}", ""
    elif "response" in changes:
        title = f"{said.panel_short[0].upper()}{said.panel_short[1:]} responded"
        detail = said.response(changes["response"]["after"])
    else:
        title, detail = f"Sent to {said.panel_short}", ""
    return TimelineEntry(title, event.occurred_at, event.actor_username, detail)


def _rapid_review_words(event: AuditEvent, changes: dict[str, Any]) -> tuple[str, str]:
    if event.action == AuditAction.CREATE:
        return "Rapid review recorded", ""
    if "sent_to_panel" in changes:
        return "Rapid review sent to the Panel", ""
    if "signed_off_by" in changes:
        after = changes["signed_off_by"].get("after") or []
        before = changes["signed_off_by"].get("before") or []
        added = [code for code in after if code not in before]
        labels = dict(SafeguardingPartner.choices)
        return "Rapid review agreed", ", ".join(labels.get(code, code) for code in added)
    return "Rapid review changed", ""


AREA_FIELDS = ("child_lives_in", "harm_happened_in", "lead_agreed")


@dataclass(frozen=True)
class Leadership:
    """Which partnership leads a referral's case, as its page and the home page tell it."""

    lead: rules.Lead
    partnership_name: str  # the leading area's partnership, "" when none in the service covers it
    ours: bool  # the referral's own partnership leads
    unknown_areas: tuple[str, ...]  # areas recorded that no partnership in the service covers

    @property
    def contributes(self) -> bool:
        """The case crosses boundaries and another partnership leads: this one contributes."""
        return self.lead.crosses and bool(self.lead.area) and not self.ours

    @property
    def sentence(self) -> str:
        """ "This case crosses boundaries: Northmoor's partnership (...) leads", or ""."""
        if not self.lead.crosses or not self.lead.area:
            return ""
        area = self.lead.area
        if not self.partnership_name:
            return (
                f"This case crosses boundaries: {area}'s partnership leads; it is not yet in "
                "the service."
            )
        return (
            f"This case crosses boundaries: {area}'s partnership ({self.partnership_name}) leads."
        )


def leadership(referral: Referral, areas: dict[str, Area] | None = None) -> Leadership:
    """Which partnership leads `referral`'s case (rules.leading_area), from the areas every
    partnership in the service covers (`known_areas()`, read once for many referrals)."""
    if areas is None:
        areas = known_areas()
    harmed = areas.get(referral.harm_happened_in.strip().casefold())
    lead = rules.leading_area(
        referral.child_lives_in,
        referral.harm_happened_in,
        referral.lead_agreed,
        harm_outside_england=harmed is not None and harmed.nation != Nation.ENGLAND,
    )
    leading = areas.get(lead.area.casefold()) if lead.area else None
    recorded = (referral.child_lives_in, referral.harm_happened_in, referral.lead_agreed)
    unknown = tuple(
        dict.fromkeys(
            a.strip() for a in recorded if a.strip() and a.strip().casefold() not in areas
        )
    )
    return Leadership(
        lead=lead,
        partnership_name=leading.partnership_name if leading else "",
        ours=leading is not None and leading.partnership_id == referral.partnership_id,
        unknown_areas=unknown,
    )


def led_by_others(user: User) -> list[tuple[Referral, Leadership]]:
    """The person's partnership's referrals whose case crosses boundaries and which another
    partnership leads: their partnership contributes."""
    recorded = list(
        Referral.objects.restrict(user, "view")
        .exclude(child_lives_in="")
        .exclude(harm_happened_in="")
        .order_by("received", "pk")
        .only("pk", "partnership", "reference", *AREA_FIELDS)
    )
    if not recorded:  # one query, for the home page, where no case crosses boundaries
        return []
    areas = known_areas()
    found = []
    for referral in recorded:
        led = leadership(referral, areas)
        if led.contributes:
            found.append((referral, led))
    return found


def referral_documents_for(user: User, action: str = "view") -> QuerySet[ReferralDocument]:
    """The documents of the referrals in the person's reach for `action`."""
    return (
        ReferralDocument.objects.restrict(user, action)
        .filter(referral__in=referrals_for(user, action))
        .select_related("referral", "agency")
    )
