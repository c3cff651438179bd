"""Invented exchange documents, for tests and benchmarks: valid, varied, the same for a seed.

Every key of the format is exercised (partial dates, decisions of each outcome, national panel
responses, reviews in each status with their lists, actions with updates), and every date
keeps the orders the checks require. Nothing here is real.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from casereview.accounts.choices import AgencyKind
from casereview.actionplans.choices import ActionStatus, MonitoringGroup, Scope
from casereview.core.choices import Nation, YesNoUnknown
from casereview.referrals.choices import (
    AbuseOrNeglect,
    CscInvolvement,
    DecisionOutcome,
    Framework,
    Harm,
    PanelResponse,
    Sex,
)
from casereview.reviews.choices import (
    DocumentKind,
    Methodology,
    ParallelProcessKind,
    ParallelProcessStatus,
    ReviewStatus,
    ReviewType,
)
from casereview.themes.taxonomy import national_codes

AGENCY_KINDS = (
    AgencyKind.POLICE,
    AgencyKind.CHILDRENS_SOCIAL_CARE,
    AgencyKind.HEALTH,
    AgencyKind.EDUCATION,
    AgencyKind.PROBATION,
    AgencyKind.LEGAL,
    AgencyKind.LOCAL_AUTHORITY_OTHER,
    AgencyKind.VOLUNTARY,
)
FIRST_DAY = dt.date(2012, 1, 2)
DAYS = 3000  # records fall between 2012 and the end of 2019


class Generator:
    def __init__(self, seed: int) -> None:
        self.chance = random.Random(seed)
        self.themes = sorted(national_codes())

    def day(self, after: dt.date | None = None, within: int = DAYS) -> dt.date:
        start = after or FIRST_DAY
        return start + dt.timedelta(days=self.chance.randrange(0, within))

    def partial(self, day: dt.date) -> str:
        """Mostly whole dates; some known to the month or the year only."""
        roll = self.chance.random()
        if roll < 0.1:
            return f"{day.year:04d}"
        if roll < 0.25:
            return f"{day.year:04d}-{day.month:02d}"
        return day.isoformat()

    @staticmethod
    def first_day(text: str) -> dt.date:
        parts = [int(p) for p in text.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    def pick(self, values: tuple[str, ...] | list[str]) -> str:
        return self.chance.choice(list(values))

    def some(self, values: list[Any], most: int) -> list[Any]:
        return self.chance.sample(values, self.chance.randint(0, min(most, len(values))))


def generated_document(
    *,
    seed: int = 1,
    code: str = "GEN",
    agencies: int = 8,
    referrals: int = 20,
    reviews: int = 6,
    actions_per_review: int = 4,
    events: int = 3,
) -> dict[str, Any]:
    """A valid document for partnership `code`; the same seed gives the same document."""
    g = Generator(seed)
    agency_list = [
        {"id": f"agency-{n}", "name": f"Invented agency {n}", "kind": AGENCY_KINDS[n % 8]}
        for n in range(agencies)
    ]
    agency_ids = [a["id"] for a in agency_list]
    children = [_child(g, n) for n in range(referrals + reviews)]
    review_list = [
        _review(g, n, children[referrals + n]["id"], agency_ids, actions_per_review)
        for n in range(reviews)
    ]
    referral_list = [
        _referral(g, n, children[n]["id"], agency_ids, review_list) for n in range(referrals)
    ]
    event_list = [_event(g, n, agency_ids, review_list) for n in range(events)]
    return {
        "format": "casereview-exchange",
        "version": 2,  # it carries reviews[].publication
        "partnership": {
            "code": code,
            "name": f"Invented partnership {code}",
            "nation": Nation.ENGLAND,
        },
        "agencies": agency_list,
        "children": children,
        "referrals": referral_list,
        "reviews": review_list,
        "learning_events": event_list,
        "glossary": [
            {"term": f"T{n}", "meaning": f"Invented term {n}"}
            for n in range(g.chance.randint(0, 4))
        ],
    }


def _child(g: Generator, n: int) -> dict[str, Any]:
    years = g.chance.choice([None, 0, 1, 3, 9, 15, 17])
    return {
        "id": f"child-{n}",
        "pseudonym": f"Child {n}",
        "sex": g.pick(Sex.values),
        "age_years": years,
        "age_months": g.chance.randint(0, 11) if years in (0, 1) else None,
        "ethnicity": g.chance.choice([None, "White British", "Mixed", "Not stated"]),
        "disability_or_sen": g.pick(YesNoUnknown.values),
        "cp_plan_at_incident": g.pick(YesNoUnknown.values),
        "looked_after_at_incident": g.pick(YesNoUnknown.values),
        "csc_involvement": g.pick(CscInvolvement.values),
    }


def _referral(
    g: Generator, n: int, child: str, agencies: list[str], reviews: list[dict[str, Any]]
) -> dict[str, Any]:
    incident = g.day()
    aware = incident + dt.timedelta(days=g.chance.randrange(0, 20))
    received = aware + dt.timedelta(days=g.chance.randrange(0, 20))
    notified = aware + dt.timedelta(days=g.chance.randrange(0, 10))
    decision: dict[str, Any] | None = None
    if g.chance.random() < 0.7:
        outcome = g.pick(DecisionOutcome.values)
        led_to = (
            reviews[n % len(reviews)]["id"]
            if reviews and outcome != DecisionOutcome.NO_REVIEW and g.chance.random() < 0.5
            else None
        )
        decision = {
            "date": (received + dt.timedelta(days=g.chance.randrange(20, 60))).isoformat(),
            "outcome": outcome,
            "review": led_to,
            "rationale": f"Invented reasons {n}.",
        }
    panel = None
    if decision is not None and g.chance.random() < 0.6:
        submitted = g.first_day(decision["date"]) + dt.timedelta(days=g.chance.randrange(0, 30))
        # the responses of version 1, the version the generated documents are
        response = g.pick([PanelResponse.AWAITING, PanelResponse.AGREED, PanelResponse.CONTESTED])
        panel = {
            "submitted": submitted.isoformat(),
            "response": response,
            "response_date": None
            if response == PanelResponse.AWAITING
            else (submitted + dt.timedelta(days=g.chance.randrange(1, 40))).isoformat(),
            "local_response": "Invented local response."
            if response == PanelResponse.CONTESTED
            else None,
        }
    return {
        "id": f"referral-{n}",
        "reference": f"GEN-{received.year}-{n:05d}",
        "received": received.isoformat(),
        "referred_by": g.pick(agencies),
        "aware": aware.isoformat() if g.chance.random() < 0.9 else None,
        "incident_date": g.partial(incident) if g.chance.random() < 0.8 else None,
        "children": [child],
        "harm": g.pick(Harm.values),
        "suspected_suicide": g.chance.random() < 0.1,
        "death_in_custody": g.chance.random() < 0.05,
        "abuse_or_neglect": g.pick(AbuseOrNeglect.values),
        "interagency_concern": g.pick(YesNoUnknown.values),
        "framework": g.chance.choice([None, None, Framework.WT2015]),
        "notified": notified.isoformat() if g.chance.random() < 0.5 else None,
        "summary": f"Invented case {n}.",
        "decision": decision,
        "national_panel": panel,
    }


def _publication(
    status: str, signed_off: dt.date | None, published: dt.date | None
) -> dict[str, Any] | None:
    """The final report sent a week before publication; a decision not to publish a month
    after sign-off. Drawn from the dates alone, so the rest of a seed's document is as before."""
    if status == ReviewStatus.PUBLISHED and published and signed_off:
        sent = max(signed_off, published - dt.timedelta(days=7))
        return {
            "sent_to_panel": sent.isoformat(),
            "decided_not_to_publish": None,
            "reason": None,
            "published_instead": None,
        }
    if status == ReviewStatus.NOT_PUBLISHED and signed_off:
        return {
            "sent_to_panel": None,
            "decided_not_to_publish": (signed_off + dt.timedelta(days=30)).isoformat(),
            "reason": "Invented: publication would identify the child's siblings.",
            "published_instead": "A learning summary.",
        }
    return None


def _review(g: Generator, n: int, child: str, agencies: list[str], actions: int) -> dict[str, Any]:
    commissioned = g.day()
    status = g.pick(ReviewStatus.values)
    signed_off = published = None
    if status in (ReviewStatus.COMPLETED, ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED):
        signed_off = commissioned + dt.timedelta(days=g.chance.randrange(60, 400))
    if status == ReviewStatus.PUBLISHED:
        assert signed_off is not None  # a published review was signed off first
        published = signed_off + dt.timedelta(days=g.chance.randrange(0, 200))
    publication = _publication(status, signed_off, published)
    recommendations = _recommendations(g, commissioned, agencies, actions)
    processes = [
        {
            "kind": g.pick(ParallelProcessKind.values),
            "status": ParallelProcessStatus.CONCLUDED,
            "note": "Invented.",
        }
        for _ in range(g.chance.randint(0, 2))
    ]
    if status == ReviewStatus.ON_HOLD:
        processes.append(
            {
                "kind": ParallelProcessKind.INQUEST,
                "status": ParallelProcessStatus.ONGOING,
                "note": "Awaiting the inquest.",
            }
        )
    return {
        "id": f"review-{n}",
        "reference": g.chance.choice([None, f"R-{n}"]),
        "title": f"Child {n} review",
        "type": g.pick(
            (
                ReviewType.SCR,
                ReviewType.LCSPR,
                ReviewType.PARTNERSHIP_REVIEW,
                ReviewType.RAPID_REVIEW,
                ReviewType.OTHER,
            )
        ),
        "methodology": g.pick(
            (
                Methodology.SCIE_SYSTEMS,
                Methodology.REVIEWER_LED,
                Methodology.WT2010_IMR,
                Methodology.SILP,
                Methodology.HYBRID,
            )
        ),
        "methodology_note": g.chance.choice([None, "Invented note."]),
        "framework": g.chance.choice([None, Framework.WT2015, Framework.WT2018]),
        "children": [child],
        "lead_reviewer": g.chance.choice([None, "An invented reviewer"]),
        "commissioned": g.partial(commissioned),
        "signed_off": signed_off.isoformat() if signed_off else None,
        "published": published.isoformat() if published else None,
        "status": status,
        "publication": publication,
        "summary": f"Invented review {n}.",
        "themes": g.some(g.themes, 3),
        "parallel_processes": processes,
        "family_contribution": [
            {
                "date": g.chance.choice([None, g.partial(commissioned + dt.timedelta(days=30))]),
                "member": g.pick(("mother", "father", "grandmother")),
                "facilitated_by": g.chance.choice([None, g.pick(agencies)]),
                "note": "Invented.",
            }
            for _ in range(g.chance.randint(0, 2))
        ],
        "learning_points": [
            {"text": f"Invented learning point {k}.", "themes": g.some(g.themes, 2)}
            for k in range(g.chance.randint(0, 3))
        ],
        "recommendations": recommendations,
        "documents": [
            {
                "kind": g.pick(
                    (
                        DocumentKind.OVERVIEW_REPORT,
                        DocumentKind.LEARNING_SUMMARY,
                        DocumentKind.ACTION_PLAN,
                    )
                ),
                "title": f"Invented document {k}",
                "url": g.chance.choice([None, f"https://example.org/reviews/{n}/{k}"]),
                "published": published.isoformat() if published else None,
            }
            for k in range(g.chance.randint(0, 2))
        ],
    }


def _recommendations(
    g: Generator, commissioned: dt.date, agencies: list[str], actions: int
) -> list[dict[str, Any]]:
    """Recommendations numbered from 1, sharing out `actions` actions between them."""
    count = max(1, actions // 2) if actions else g.chance.randint(0, 2)
    found = []
    for number in range(1, count + 1):
        share = actions // count + (1 if number <= actions % count else 0)
        found.append(
            {
                "number": number,
                "text": f"Invented recommendation {number}.",
                "scope": g.pick(Scope.values),
                "lead_agency": g.chance.choice([None, g.pick(agencies)]),
                "monitored_by": g.pick(MonitoringGroup.values),
                "actions": [_action(g, commissioned, agencies, k) for k in range(share)],
            }
        )
    return found


def _action(g: Generator, commissioned: dt.date, agencies: list[str], k: int) -> dict[str, Any]:
    status = g.pick(ActionStatus.values)
    due = commissioned + dt.timedelta(days=g.chance.randrange(60, 600))
    updates = [
        {
            "date": (commissioned + dt.timedelta(days=30 * (u + 1))).isoformat(),
            "text": f"Update {u}.",
        }
        for u in range(g.chance.randint(0, 2))
    ]
    completed = None
    if status in (ActionStatus.COMPLETED, ActionStatus.VERIFIED):
        completed = g.partial(due - dt.timedelta(days=g.chance.randrange(0, 30)))
    return {
        "text": f"Invented action {k}.",
        "owner_agency": g.pick(agencies),
        "due": g.partial(due),
        "status": status,
        "completed": completed,
        "updates": updates,
    }


def _event(
    g: Generator, n: int, agencies: list[str], reviews: list[dict[str, Any]]
) -> dict[str, Any]:
    by_agency = {agency: g.chance.randint(1, 20) for agency in g.some(agencies, 3)}
    return {
        "id": f"event-{n}",
        "date": g.partial(g.day()),
        "title": f"Invented learning event {n}",
        "themes": g.some(g.themes, 2),
        "reviews": [r["id"] for r in g.some(reviews, 2)] if reviews else [],
        "attendance": sum(by_agency.values()) + g.chance.randint(0, 10),
        "attendance_by_agency": by_agency,
    }
