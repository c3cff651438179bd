"""The rules of learning events (core/rules.py). No Django here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from casereview.core.partialdates import PartialDate
from casereview.core.rules import Problem, found, not_in_the_future, rule


@rule("learning event")
def learning_event_problems(
    *, date: PartialDate | None, attendance: int, by_agency: Iterable[int], today: dt.date
) -> list[Problem]:
    """An event has happened; and at least as many came as the agencies' counts add up to
    (people from outside the partnership's agencies come too)."""
    counted = sum(by_agency)
    return found(
        not_in_the_future("date", date, today, "The date of the event"),
        Problem(
            "attendance",
            f"{attendance} came in all, fewer than the {counted} counted by agency: enter at "
            f"least {counted}",
        )
        if attendance < counted
        else None,
    )
