"""The rules of referrals, children, decisions and panel submissions. Each rule's message is
what the person is told, by a form or by the import (core/rules.py).

Pure functions: no Django. A partial date counts as its first day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casereview.core.partialdates import PartialDate
from casereview.core.rules import Problem, found, rule
from casereview.referrals.choices import (
    Consideration,
    DecisionOutcome,
    PanelResponse,
    SafeguardingPartner,
)

__all__ = ["Problem"]

LABELS = {
    "received": "The date the referral was received",
    "aware": "The date the partnership became aware",
    "incident_date": "The date of the incident",
    "notified": "The notification date",
    "decision_date": "The decision date",
    "submitted": "The date it was sent to the national panel",
    "response_date": "The date of the national panel's response",
    "meeting": "The date of the rapid review meeting",
    "sent_to_panel": "The date the rapid review was sent to the Panel",
}
# The lists of codes a record holds, and what each list's codes are.
CODE_LISTS = {
    "signed_off_by": (SafeguardingPartner, "safeguarding partner"),
    "considerations": (Consideration, "matter for a local review"),
}


def not_in_the_future(field: str, value: PartialDate | None, today: dt.date) -> Problem | None:
    """Each of these dates records something that has happened: none can be after today."""
    if value is not None and value.first_day > today:
        return Problem(field, f"{LABELS[field]} must be today or in the past")
    return None


def not_before(
    field: str, value: PartialDate | None, earlier_field: str, earlier: PartialDate | None
) -> Problem | None:
    """`value` cannot come before `earlier` (both compared by their first day)."""
    if value is None or earlier is None or value.first_day >= earlier.first_day:
        return None
    earlier_words = LABELS[earlier_field][0].lower() + LABELS[earlier_field][1:]
    return Problem(
        field, f"{LABELS[field]} must be on or after {earlier_words} ({earlier.display()})"
    )


@rule("referral")
def referral_date_problems(
    *,
    today: dt.date,
    received: PartialDate | None,
    aware: PartialDate | None,
    incident_date: PartialDate | None,
    notified: PartialDate | None,
) -> list[Problem]:
    dates = {
        "received": received,
        "aware": aware,
        "incident_date": incident_date,
        "notified": notified,
    }
    found = [not_in_the_future(field, value, today) for field, value in dates.items()]
    found += [
        # The partnership cannot learn of an incident before it happened ...
        not_before("aware", aware, "incident_date", incident_date),
        # ... nor notify anyone of it before learning of it.
        not_before("notified", notified, "aware", aware),
    ]
    return [problem for problem in found if problem is not None]


@rule("decision")
def decision_date_problems(
    *, today: dt.date, decision_date: PartialDate | None, received: PartialDate | None
) -> list[Problem]:
    found = [
        not_in_the_future("decision_date", decision_date, today),
        # A case cannot be decided before it was brought to the subgroup.
        not_before("decision_date", decision_date, "received", received),
    ]
    return [problem for problem in found if problem is not None]


@rule("national panel submission")
def submission_date_problems(
    *,
    today: dt.date,
    submitted: PartialDate | None,
    received: PartialDate | None,
    response_date: PartialDate | None = None,
) -> list[Problem]:
    found = [
        not_in_the_future("submitted", submitted, today),
        not_before("submitted", submitted, "received", received),
        not_in_the_future("response_date", response_date, today),
        not_before("response_date", response_date, "submitted", submitted),
    ]
    return [problem for problem in found if problem is not None]


@rule("child")
def child_age_problems(*, age_years: int | None, age_months: int | None) -> list[Problem]:
    """Months of age are recorded for a baby or toddler, under two; years after that."""
    if age_years is not None and age_years >= 2 and age_months is not None:
        return [
            Problem(
                "age_months",
                f"Give months of age only for a child under two: this child is {age_years}, "
                "so leave months empty",
            )
        ]
    return []


@rule("decision")
def decision_review_problems(*, outcome: str, names_review: bool) -> list[Problem]:
    """A decision not to review leads to no review."""
    if names_review and outcome == DecisionOutcome.NO_REVIEW:
        return [
            Problem(
                "outcome",
                "A review was commissioned from this decision, so it cannot be a decision not to "
                "review: choose review commissioned or alternative review",
            )
        ]
    return []


@rule("national panel submission")
def panel_response_problems(
    *, response: str, response_date: PartialDate | None, local_response: str | None
) -> list[Problem]:
    """The Panel's answer has a date once given and none while awaited. The partnership's own
    response answers a challenge, so there is none while the Panel's response is awaited (it
    stays once the Panel, having contested, agrees)."""
    return found(
        Problem("response_date", "Enter the date of the response")
        if response != PanelResponse.AWAITING and response_date is None
        else None,
        Problem(
            "response_date",
            "The national panel has not responded yet: leave the date of the response empty",
        )
        if response == PanelResponse.AWAITING and response_date is not None
        else None,
        Problem(
            "local_response",
            "The partnership's reply answers the national panel's response: there is none "
            "while the panel's response is awaited",
        )
        if local_response and response == PanelResponse.AWAITING
        else None,
    )


@rule("rapid review")
def rapid_review_date_problems(
    *, today: dt.date, meeting: PartialDate | None, sent_to_panel: PartialDate | None
) -> list[Problem]:
    """A rapid review is sent to the Panel once its meeting has been held."""
    found = [
        not_in_the_future("meeting", meeting, today),
        not_in_the_future("sent_to_panel", sent_to_panel, today),
        not_before("sent_to_panel", sent_to_panel, "meeting", meeting),
    ]
    return [problem for problem in found if problem is not None]


def codes_problems(field: str, codes: object) -> list[Problem]:
    """A list of codes (the partners who agreed a rapid review, the matters for a local
    review) holds each of its enumeration's codes at most once. The forms offer only these
    and the import's schema refuses others, so this guards the services alone."""
    choices, noun = CODE_LISTS[field]
    if not isinstance(codes, list):
        return [Problem(field, f"Choose each {noun} from the list")]
    unknown = [code for code in codes if code not in choices.values]
    if unknown:
        return [Problem(field, f"{unknown[0]!r} is not a {noun}: choose from the list")]
    if len(set(codes)) != len(codes):
        return [Problem(field, f"Choose each {noun} once")]
    return []


# Where the child lives and where the harm happened (England, from Working Together 2018).
#
# The Children Act 2004, s.16C(1), as the Children and Social Work Act 2017 put it: "Where a
# local authority in England knows or suspects that a child has been abused or neglected, the
# local authority must notify the Child Safeguarding Practice Review Panel if— (a) the child
# dies or is seriously harmed in the local authority's area, or (b) while normally resident in
# the local authority's area, the child dies or is seriously harmed outside England."
#
# The Panel's answers to partnerships' questions: the responsibility to notify, and to carry
# out the rapid review, rests with the local authority of the area where the serious incident
# took place, and the notifying authority is expected to work with the authority of the area
# where the child lives. Working Together 2023, chapter 5: the safeguarding partners of the
# areas concerned agree between them where a case is theirs to share.


@dataclass(frozen=True)
class Lead:
    """Which area's partnership leads a case, and why, in words for the person."""

    area: str  # "" where it cannot be said
    crosses: bool  # the child lives in one area and was harmed in another
    why: str


def _same(one: str, other: str) -> bool:
    return one.strip().casefold() == other.strip().casefold()


def leading_area(
    child_lives_in: str,
    harm_happened_in: str,
    agreed: str = "",
    *,
    harm_outside_england: bool = False,
) -> Lead:
    """The area whose partnership notifies the Panel and leads the rapid review.

    Where the harm happened leads (s.16C(1)(a)); where it happened outside England, the area
    where the child normally lives (s.16C(1)(b)); where the partnerships agreed otherwise
    (`agreed`, one of the two areas), the area agreed. Blank is not recorded."""
    lives, harmed, agreed = child_lives_in.strip(), harm_happened_in.strip(), agreed.strip()
    if not harmed:
        if lives:
            return Lead(
                "",
                False,
                f"The child lives in {lives}. Where the harm happened is not recorded, so "
                "which partnership leads cannot be said.",
            )
        return Lead(
            "",
            False,
            "Where the child lives and where the harm happened are not recorded, so which "
            "partnership leads cannot be said.",
        )
    if not lives:
        if harm_outside_england:
            return Lead(
                "",
                False,
                f"The harm happened in {harmed}, outside England, and where the child lives is "
                "not recorded: the area where the child normally lives leads.",
            )
        return Lead(
            harmed,
            False,
            f"The harm happened in {harmed}: its local authority notifies the Panel and its "
            "partnership leads. Where the child lives is not recorded.",
        )
    if _same(lives, harmed):
        return Lead(harmed, False, f"The child lives in {harmed}, where the harm happened.")
    if agreed:
        return Lead(
            agreed,
            True,
            f"The child lives in {lives} and the harm happened in {harmed}: the partnerships "
            f"agreed that {agreed}'s leads.",
        )
    if harm_outside_england:
        return Lead(
            lives,
            True,
            f"The harm happened in {harmed}, outside England: the local authority where the "
            f"child normally lives, {lives}, notifies the Panel and its partnership leads.",
        )
    return Lead(
        harmed,
        True,
        f"The child lives in {lives} and the harm happened in {harmed}: the local authority "
        f"where the harm happened notifies the Panel and its partnership leads the rapid "
        f"review, working with {lives}'s.",
    )


def lead_agreed_problems(
    *, child_lives_in: str, harm_happened_in: str, lead_agreed: str
) -> list[Problem]:
    """The partnerships agree which of the two areas leads: the lead agreed is one of them.
    (Not registered: the exchange format has no areas, so the import cannot break it.)"""
    agreed = lead_agreed.strip()
    if not agreed:
        return []
    lives, harmed = child_lives_in.strip(), harm_happened_in.strip()
    if not lives or not harmed:
        return [
            Problem(
                "lead_agreed",
                "Record where the child lives and where the harm happened before the area "
                "agreed to lead",
            )
        ]
    if not (_same(agreed, lives) or _same(agreed, harmed)):
        return [
            Problem(
                "lead_agreed",
                f"The area agreed to lead must be where the child lives ({lives}) or where "
                f"the harm happened ({harmed})",
            )
        ]
    return []
