"""The rules a record keeps whoever writes it: one registry, called by forms and the import alike.

Each rule is a pure function of a record's facts (no Django), registered here under the kind
of record it governs. A model's `clean()` calls its rules, so every form and service refuses
what they refuse; the import's checker calls the same functions with the document's facts, so
it refuses the same things in the same words. `registered()` lists them all: a test drives each
one through a form and through the import (exchange/tests/test_one_set_of_rules.py).

Rules here are about the state a record is in. The lifecycle's steps (putting a review on hold
only while a parallel process is ongoing, verifying only a completed action) are rules about
moving between states, which only the pages take: they stay in reviews/lifecycle.py and
actionplans/rules.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from casereview.core.partialdates import PartialDate


@dataclass(frozen=True)
class Problem:
    """What is wrong, said to the person, and the field it is about."""

    field: str
    message: str


Check = Callable[..., list[Problem]]
F = TypeVar("F", bound=Check)


@dataclass(frozen=True)
class Rule:
    record: str  # the kind of record: "child", "referral", "review", ...
    name: str
    check: Check


_REGISTRY: dict[str, Rule] = {}


def rule(record: str) -> Callable[[F], F]:
    """Register a rule of `record`; the function's name is the rule's name."""

    def register(check: F) -> F:
        name = check.__name__
        if name in _REGISTRY and _REGISTRY[name].check is not check:
            raise ValueError(f"two rules are called {name!r}")
        _REGISTRY[name] = Rule(record, name, check)
        return check

    return register


def registered() -> dict[str, Rule]:
    """Every rule, by name (each app's rules module must have been imported)."""
    return dict(_REGISTRY)


def found(*problems: Problem | None) -> list[Problem]:
    return [problem for problem in problems if problem is not None]


def not_in_the_future(
    field: str, value: PartialDate | dt.date | None, today: dt.date, words: str
) -> Problem | None:
    """`value` is a date or a partial date (its first day): none can be after today."""
    first_day = value.first_day if isinstance(value, PartialDate) else value
    if first_day is not None and first_day > today:
        return Problem(field, f"{words} must be today or in the past")
    return None


def as_errors(
    problems: Iterable[Problem], names: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """The problems as a ValidationError's dict: {field: [message, ...]}."""
    names = names or {}
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(names.get(problem.field, problem.field), []).append(problem.message)
    return errors


def refuse(problems: Iterable[Problem], names: dict[str, str] | None = None) -> None:
    """Raise the problems as the ValidationError a form shows against its fields."""
    errors = as_errors(problems, names)
    if errors:
        from django.core.exceptions import ValidationError

        raise ValidationError(errors)
