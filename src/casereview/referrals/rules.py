"""Business rules on a referral's dates. Each rule's message is what the user is told.

Pure functions: no Django. A partial date counts as its first day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casereview.core.partialdates import PartialDate


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


LABELS = {
    "received": "The date the referral was received",
    "aware": "The date the partnership became aware",
    "incident_date": "The date of the incident",
    "notified": "The notification date",
    "decision_date": "The decision date",
    "submitted": "The date it was sent to the national panel",
    "response_date": "The date of the national panel's response",
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


def decision_date_problems(
    *, today: dt.date, decision_date: PartialDate | None, received: PartialDate | None
) -> list[Problem]:
    found = [
        not_in_the_future("decision_date", decision_date, today),
        # A case cannot be decided before it was brought to the subgroup.
        not_before("decision_date", decision_date, "received", received),
    ]
    return [problem for problem in found if problem is not None]


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
