"""The criteria engine: what the applicable guidance requires of a referral, and by when.

It advises; people decide. `assess(facts, nation)` gives the framework, the outcome, every
reason in plain words citing the guidance, and the statutory deadlines (spec/criteria.md).

Each framework is a module of small pure functions, one per rule, in the order the guidance
applies them. A new edition of the guidance is a new module and a new row in `FRAMEWORKS` and
`ENGLAND_EDITIONS`, never an edit of an old one: decisions made under old rules must still read
as they did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from casereview.core.choices import Nation
from casereview.core.workingdays import add_one_month, add_working_days
from casereview.referrals.criteria import (
    ni_cmr,
    scotland_lr,
    wales_cpr,
    wt2010,
    wt2013,
    wt2015,
    wt2018,
    wt2023,
)
from casereview.referrals.criteria.base import (
    Facts,
    Finding,
    Rule,
    Unknowns,
    with_unknowns_resolved,
)

__all__ = [
    "FRAMEWORKS",
    "Assessment",
    "Deadlines",
    "Facts",
    "assess",
    "choose_framework",
]


class Framework(Protocol):
    """What each framework's module declares (wt2023.py, for example)."""

    @property
    def CODE(self) -> str: ...
    @property
    def TITLE(self) -> str: ...
    @property
    def NATION(self) -> str: ...
    @property
    def NOTIFY_WORKING_DAYS(self) -> int | None: ...
    @property
    def DECIDE_WITHIN_A_MONTH(self) -> bool: ...
    @property
    def RAPID_REVIEW_WORKING_DAYS(self) -> int | None: ...
    @property
    def UNKNOWNS(self) -> Unknowns: ...
    @property
    def RULES(self) -> Sequence[Rule]: ...


FRAMEWORKS: dict[str, Framework] = {
    module.CODE: module
    for module in (wt2010, wt2013, wt2015, wt2018, wt2023, wales_cpr, scotland_lr, ni_cmr)
}

# In England, the edition in force on the day the partnership became aware: (from, code).
ENGLAND_EDITIONS = [
    (dt.date.min, wt2010.CODE),
    (dt.date(2013, 4, 15), wt2013.CODE),
    (dt.date(2015, 3, 26), wt2015.CODE),
    (dt.date(2018, 6, 29), wt2018.CODE),
    (dt.date(2023, 12, 15), wt2023.CODE),
]
DEVOLVED: dict[str, str] = {
    module.NATION: module.CODE for module in (wales_cpr, scotland_lr, ni_cmr)
}


@dataclass(frozen=True)
class Deadlines:
    notify_by: dt.date | None = None
    decide_by: dt.date | None = None
    rapid_review_by: dt.date | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            name: value.isoformat() if value else None
            for name, value in (
                ("notify_by", self.notify_by),
                ("decide_by", self.decide_by),
                ("rapid_review_by", self.rapid_review_by),
            )
        }


@dataclass(frozen=True)
class Assessment:
    framework: str
    outcome: str
    reasons: tuple[str, ...]
    deadlines: Deadlines

    def as_dict(self) -> dict[str, Any]:
        """The exchange format's `assessment` object."""
        return {
            "framework": self.framework,
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "deadlines": self.deadlines.as_dict(),
        }


def choose_framework(nation: str, on: dt.date) -> str:
    """The framework in force in `nation` on the day (aware, else received)."""
    if nation in DEVOLVED:
        return DEVOLVED[nation]
    if nation != Nation.ENGLAND:
        raise ValueError(f"unknown nation {nation!r}")
    return [code for start, code in ENGLAND_EDITIONS if start <= on][-1]


def finding(framework: str, facts: Facts) -> Finding:
    module = FRAMEWORKS[framework]

    def decide(trial: Facts) -> Finding:
        for rule in module.RULES:
            if (found := rule(trial)) is not None:
                return found
        raise AssertionError(f"{framework}: the last rule must always apply")

    return with_unknowns_resolved(decide, facts, module.UNKNOWNS)


def deadlines(framework: str, facts: Facts, nation: str) -> Deadlines:
    """The clock starts when the partnership learns of a notifiable incident; an incident that
    is not notifiable has no deadline, so nothing about it is ever overdue."""
    if facts.aware is None or not facts.notifiable:
        return Deadlines()
    module = FRAMEWORKS[framework]
    notify_by = (
        add_working_days(facts.aware, module.NOTIFY_WORKING_DAYS, nation)
        if module.NOTIFY_WORKING_DAYS
        else None
    )
    counted_from = facts.notified or notify_by
    decide_by = (
        add_one_month(counted_from) if module.DECIDE_WITHIN_A_MONTH and counted_from else None
    )
    rapid_review_by = (
        add_working_days(counted_from, module.RAPID_REVIEW_WORKING_DAYS, nation)
        if module.RAPID_REVIEW_WORKING_DAYS and counted_from
        else None
    )
    return Deadlines(notify_by, decide_by, rapid_review_by)


def assess(facts: Facts, nation: str, framework: str | None = None) -> Assessment:
    """What the guidance requires of these facts, in this nation, and by when."""
    if framework is None:
        on = facts.aware or facts.received
        if on is None:
            raise ValueError("a referral needs a received date to choose its framework")
        framework = choose_framework(nation, on)
    if framework not in FRAMEWORKS:
        raise ValueError(
            f"unknown framework {framework!r}; expected one of {sorted(map(str, FRAMEWORKS))}"
        )
    found = finding(framework, facts)
    return Assessment(framework, found.outcome, found.reasons, deadlines(framework, facts, nation))
