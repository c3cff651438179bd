"""The report's figures, exactly as spec/report.md defines them (the periodic figures and, from
version 2, the statutory process's), and the yearly report's own (docs/reports.md).

One module for every figure: the JSON report, the document's sentences and tables, and the
charts all read these. A partial date counts as its first day (dates are stored that way).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet

from casereview.accounts.models import Partnership
from casereview.actionplans.choices import OPEN_STATUSES, ActionStatus, Scope
from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
from casereview.core.choices import YesNoUnknown
from casereview.learning.models import EventAttendance, LearningEvent
from casereview.referrals.choices import (
    DecisionOutcome,
    PanelResponse,
    RapidReviewRecommendation,
    Sex,
)
from casereview.referrals.models import Child, PanelSubmission, RapidReview, Referral
from casereview.reviews.models import Review
from casereview.reviews.selectors import worked_on

DECISION_KEYS = (
    DecisionOutcome.REVIEW_COMMISSIONED,
    DecisionOutcome.ALTERNATIVE_REVIEW,
    DecisionOutcome.NO_REVIEW,
    "pending",
)
SEX_KEYS = (Sex.FEMALE, Sex.MALE, Sex.NOT_RECORDED)
AGE_BANDS = ("under_1", "1_to_5", "6_to_10", "11_to_15", "16_plus", "not_recorded")
SCOPE_KEYS = (Scope.MULTI_AGENCY, Scope.SINGLE_AGENCY)
RECOMMENDATION_KEYS = tuple(RapidReviewRecommendation.values)
PANEL_RESPONSE_KEYS = (
    PanelResponse.AWAITING,  # no response yet
    PanelResponse.AGREED,
    PanelResponse.CONTESTED,
    PanelResponse.MORE_INFORMATION,
    PanelResponse.NATIONAL_REVIEW,
)


def financial_year(day: dt.date) -> str:
    """UK financial year, 1 April to 31 March, written 2015/16."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def age_band(age_years: int | None) -> str:
    if age_years is None:
        return "not_recorded"
    if age_years < 1:
        return "under_1"
    if age_years <= 5:
        return "1_to_5"
    if age_years <= 10:
        return "6_to_10"
    if age_years <= 15:
        return "11_to_15"
    return "16_plus"


def without_zeros(counts: Counter | dict[str, int]) -> dict[str, int]:
    return {key: value for key, value in sorted(counts.items()) if value}


def with_keys(counts: Counter | dict[str, int], keys: tuple[str, ...]) -> dict[str, int]:
    return {key: counts.get(key, 0) for key in keys}


def referrals_received(
    partnership: Partnership, start: dt.date, end: dt.date
) -> QuerySet[Referral]:
    return Referral.objects.filter(partnership=partnership, received__gte=start, received__lte=end)


def reviews_worked_on(partnership: Partnership, start: dt.date, end: dt.date) -> QuerySet[Review]:
    return worked_on(Review.objects.filter(partnership=partnership), start, end)


def referral_figures(referrals: QuerySet[Referral], end: dt.date) -> dict[str, Any]:
    rows = list(
        referrals.values(
            "referred_by__kind",
            "decision__outcome",
            "decision__date",
            "panel_submission__submitted",
            "panel_submission__response",
        )
    )
    decisions: Counter = Counter()
    for row in rows:
        decided = row["decision__date"] is not None and row["decision__date"] <= end
        decisions[row["decision__outcome"] if decided else "pending"] += 1
    submitted = [
        row
        for row in rows
        if row["panel_submission__submitted"] is not None
        and row["panel_submission__submitted"] <= end
    ]
    return {
        "received": len(rows),
        "by_referrer_kind": without_zeros(Counter(row["referred_by__kind"] for row in rows)),
        "decisions": with_keys(decisions, DECISION_KEYS),
        "national_panel": {
            "submitted": len(submitted),
            "contested": sum(
                1
                for row in submitted
                if row["panel_submission__response"] == PanelResponse.CONTESTED
            ),
        },
    }


def review_figures(reviews: QuerySet[Review]) -> dict[str, Any]:
    rows = list(reviews.values("type", "methodology", "status", "signed_off"))
    return {
        "worked_on": len(rows),
        "by_type": without_zeros(Counter(row["type"] for row in rows)),
        "by_methodology": without_zeros(
            Counter(row["methodology"] for row in rows if row["methodology"])
        ),
        "by_status": without_zeros(Counter(row["status"] for row in rows)),
        "signed_off_by_financial_year": without_zeros(
            Counter(financial_year(row["signed_off"]) for row in rows if row["signed_off"])
        ),
    }


def children_figures(reviews: QuerySet[Review]) -> dict[str, Any]:
    children = list(
        Child.objects.filter(reviews__in=reviews.values("pk")).distinct().values("sex", "age_years")
    )
    return {
        "count": len(children),
        "by_sex": with_keys(Counter(child["sex"] for child in children), SEX_KEYS),
        "by_age_band": with_keys(
            Counter(age_band(child["age_years"]) for child in children), AGE_BANDS
        ),
    }


def theme_figures(reviews: QuerySet[Review]) -> dict[str, int]:
    """For each theme, how many reviews worked on carry it; most common first."""
    tagged = Review.themes.through.objects.filter(review__in=reviews.values("pk"))
    counts = tagged.values("theme__code").annotate(carrying=Count("review", distinct=True))
    ordered = sorted(counts, key=lambda row: (-row["carrying"], row["theme__code"]))
    return {row["theme__code"]: row["carrying"] for row in ordered}


def recommendation_figures(
    partnership: Partnership, start: dt.date, end: dt.date
) -> dict[str, Any]:
    scopes = Counter(
        Recommendation.objects.filter(
            partnership=partnership,
            review__signed_off__gte=start,
            review__signed_off__lte=end,
        ).values_list("scope", flat=True)
    )
    return {
        "from_reviews_signed_off": sum(scopes.values()),
        "by_scope": with_keys(scopes, SCOPE_KEYS),
    }


def action_figures(reviews: QuerySet[Review], end: dt.date) -> dict[str, Any]:
    rows = list(
        AgencyAction.objects.filter(recommendation__review__in=reviews.values("pk")).values(
            "status", "due"
        )
    )
    return {
        "total": len(rows),
        "by_status": without_zeros(Counter(row["status"] for row in rows)),
        # An action with no due date is never overdue.
        "overdue": sum(
            1
            for row in rows
            if row["due"] is not None and row["due"] < end and row["status"] in OPEN_STATUSES
        ),
    }


def in_period(field: str, start: dt.date, end: dt.date) -> dict[str, dt.date]:
    return {f"{field}__gte": start, f"{field}__lte": end}


def within(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def timeliness(rows: list[tuple[dt.date | None, dt.date | None]]) -> dict[str, int]:
    """Of (done, due) pairs, how many were done after their due day; one with no due day (no
    deadline was assessed) counts as on time."""
    late = sum(1 for done, due in rows if done is not None and due is not None and done > due)
    return {"on_time": len(rows) - late, "late": late}


def lower_median(values: list[int]) -> int | None:
    """The middle value; for an even count the lower of the two middle ones; None for none."""
    if not values:
        return None
    return sorted(values)[(len(values) - 1) // 2]


def notification_figures(partnership: Partnership, start: dt.date, end: dt.date) -> dict[str, int]:
    rows = list(
        Referral.objects.filter(
            partnership=partnership, **in_period("notified", start, end)
        ).values_list("notified", "notify_by")
    )
    return {"made": len(rows), **timeliness(rows)}


def rapid_review_figures(partnership: Partnership, start: dt.date, end: dt.date) -> dict[str, Any]:
    rows = list(
        RapidReview.objects.filter(
            partnership=partnership, **in_period("sent_to_panel", start, end)
        ).values_list("sent_to_panel", "referral__rapid_review_by", "recommendation")
    )
    return {
        "sent": len(rows),
        **timeliness([(sent, due) for sent, due, _ in rows]),
        "by_recommendation": with_keys(
            Counter(recommendation for _, _, recommendation in rows), RECOMMENDATION_KEYS
        ),
    }


def panel_response_figures(
    partnership: Partnership, start: dt.date, end: dt.date
) -> dict[str, int]:
    responses = Counter(
        PanelSubmission.objects.filter(
            partnership=partnership, **in_period("submitted", start, end)
        ).values_list("response", flat=True)
    )
    return with_keys(responses, PANEL_RESPONSE_KEYS)


def publication_figures(partnership: Partnership, start: dt.date, end: dt.date) -> dict[str, Any]:
    rows = list(
        Review.objects.filter(partnership=partnership)
        .filter(
            Q(**in_period("published", start, end))
            | Q(**in_period("decided_not_to_publish", start, end))
        )
        .values_list("commissioned", "published", "decided_not_to_publish")
    )
    days = [
        (published - commissioned).days
        for commissioned, published, _ in rows
        if published is not None and within(published, start, end)
    ]
    return {
        "published": len(days),
        "not_published": sum(1 for *_, withheld in rows if within(withheld, start, end)),
        "days_to_publication_median": lower_median(days),
    }


def statutory_figures(partnership: Partnership, start: dt.date, end: dt.date) -> dict[str, Any]:
    """What the yearly report tells of the statutory process (spec/report.md, version 2)."""
    return {
        "notifications": notification_figures(partnership, start, end),
        "rapid_reviews": rapid_review_figures(partnership, start, end),
        "panel_responses": panel_response_figures(partnership, start, end),
        "reviews": publication_figures(partnership, start, end),
    }


KINDS = ("periodic", "yearly")
PERIODIC, YEARLY = KINDS
YES_NO_KEYS = tuple(YesNoUnknown.values)  # "unknown" is the bucket of what is not recorded
PROFILE_FIELDS = ("disability_or_sen", "cp_plan_at_incident", "looked_after_at_incident")
NOT_RECORDED = Sex.NOT_RECORDED.value  # the report's key for what is not recorded


def by_count(counts: Counter | dict[str, int]) -> dict[str, int]:
    """Most first, then by name; zero counts left out."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {key: value for key, value in ordered if value}


def learning_event_figures(
    partnership: Partnership, start: dt.date, end: dt.date
) -> dict[str, Any]:
    """The learning events held in the period and who came, by agency."""
    events = LearningEvent.objects.filter(partnership=partnership, **in_period("date", start, end))
    attendance = sum(events.values_list("attendance", flat=True))
    by_agency = Counter[str]()
    for name, attended in EventAttendance.objects.filter(event__in=events.values("pk")).values_list(
        "agency__name", "attended"
    ):
        by_agency[name] += attended
    return {
        "held": events.count(),
        "attendance": attendance,
        "by_agency": by_count(by_agency),
        "not_counted_by_agency": attendance - sum(by_agency.values()),
    }


def verified_action_figures(
    partnership: Partnership, start: dt.date, end: dt.date
) -> dict[str, Any]:
    """The actions the monitoring groups verified in the period (the group has seen evidence of
    impact and signed it off), and how many of those have that evidence written down. Only the
    actions on its own reviews' recommendations: those on a national review's are not counted."""
    actions = AgencyAction.objects.filter(
        partnership=partnership, recommendation__review__isnull=False
    )
    verified = actions.filter(status=ActionStatus.VERIFIED, **in_period("verified_on", start, end))
    rows = list(verified.values_list("pk", "owner_agency__name"))
    evidenced = set(
        ProgressUpdate.objects.filter(action__in=verified.values("pk")).values_list(
            "action_id", flat=True
        )
    )
    return {
        "completed": actions.filter(
            status__in=(ActionStatus.COMPLETED, ActionStatus.VERIFIED),
            **in_period("completed", start, end),
        ).count(),
        "verified": len(rows),
        "with_evidence_of_impact": len(evidenced),
        "without_evidence_recorded": len(rows) - len(evidenced),
        "by_agency": by_count(Counter(agency for _, agency in rows)),
        "verified_date_not_known": actions.filter(
            status=ActionStatus.VERIFIED,
            verified_on__isnull=True,
            **in_period("completed", start, end),
        ).count(),
    }


def ethnicity(text: str) -> str:
    """The ethnicity as recorded, its spacing tidied; `not_recorded` when empty."""
    return " ".join(text.split()) or NOT_RECORDED


def children_profile_figures(reviews: QuerySet[Review]) -> dict[str, Any]:
    """The children of the reviews worked on, by ethnicity, disability and their plan and
    looked-after status at the incident."""
    children = list(
        Child.objects.filter(reviews__in=reviews.values("pk"))
        .distinct()
        .values("ethnicity", *PROFILE_FIELDS)
    )
    recorded = Counter(ethnicity(child["ethnicity"]) for child in children)
    not_recorded = recorded.pop(NOT_RECORDED, 0)
    return {
        "count": len(children),
        "by_ethnicity": {**by_count(recorded), NOT_RECORDED: not_recorded},
        **{
            name: with_keys(Counter(child[name] for child in children), YES_NO_KEYS)
            for name in PROFILE_FIELDS
        },
    }


def yearly_figures(partnership: Partnership, start: dt.date, end: dt.date) -> dict[str, Any]:
    """What the yearly report adds to the periodic figures (docs/reports.md)."""
    return {
        "learning_events": learning_event_figures(partnership, start, end),
        "actions_verified": verified_action_figures(partnership, start, end),
        "children_profile": children_profile_figures(reviews_worked_on(partnership, start, end)),
    }


def compute(
    partnership: Partnership, start: dt.date, end: dt.date, *, kind: str = PERIODIC
) -> dict[str, Any]:
    """Every figure of the report of this kind for the period, both days included: the yearly
    report's are the periodic report's, every key kept, and its own."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}: choose one of {', '.join(KINDS)}")
    if kind == YEARLY:
        return {
            "kind": YEARLY,
            **compute(partnership, start, end),
            **yearly_figures(partnership, start, end),
        }
    reviews = reviews_worked_on(partnership, start, end)
    return {
        "partnership": partnership.code,
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "referrals": referral_figures(referrals_received(partnership, start, end), end),
        "reviews": review_figures(reviews),
        "children": children_figures(reviews),
        "themes": theme_figures(reviews),
        "recommendations": recommendation_figures(partnership, start, end),
        "actions": action_figures(reviews, end),
        "statutory": statutory_figures(partnership, start, end),
    }
