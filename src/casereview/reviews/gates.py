"""What must hold before a review takes a step, where a higher app knows it: a refusal, where
a caution (cautions.py) only warns. The publication app registers that every document to be
published has had its identifying details checked and each finding decided.

`@gate("publish")` registers a function of the review that gives one sentence for each thing
that stops the step; the step's service refuses with them (reviews.services._transition).
"""

from __future__ import annotations

from collections.abc import Callable

from casereview.reviews.models import Review

GateFunction = Callable[[Review], list[str]]
_GATES: dict[str, list[GateFunction]] = {}


def gate(step: str) -> Callable[[GateFunction], GateFunction]:
    def register(function: GateFunction) -> GateFunction:
        _GATES.setdefault(step, []).append(function)
        return function

    return register


def refusals_of(step: str, review: Review) -> list[str]:
    """Everything that stops `step` ("publish") being taken for the review."""
    return [sentence for function in _GATES.get(step, []) for sentence in function(review)]
