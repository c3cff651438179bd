"""What a page warns of before a review is signed off or published: what is still open on it.

A warning, not a refusal: a review may be signed off while criminal proceedings run on, or
published with actions still open. The step's page names each and asks the person to confirm.
The review's own parallel processes are this app's to name; a higher app registers what it
knows (`@caution`), as actionplans does for the review's open actions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from casereview.reviews.models import Review
from casereview.reviews.selectors import parallel_processes_for

CautionFunction = Callable[[Any, Review], list[str]]  # (user, review): one sentence each
_CAUTIONS: list[CautionFunction] = []

# The steps that warn of what is still open before they are taken.
CAUTIONED_STEPS = frozenset({"complete", "publish"})


def caution(function: CautionFunction) -> CautionFunction:
    """Register what a review still has open, as sentences naming each."""
    _CAUTIONS.append(function)
    return function


@caution
def parallel_processes_ongoing(user: Any, review: Review) -> list[str]:
    processes = parallel_processes_for(user).filter(review=review)
    return [
        f"{process.get_kind_display()}: still ongoing"
        + (f" ({process.note.strip().rstrip('.')})" if process.note.strip() else "")
        for process in processes
        if process.is_ongoing
    ]


def cautions_for(user: Any, review: Review) -> list[str]:
    """Everything still open on the review, for the person about to sign it off or publish it."""
    return [sentence for function in _CAUTIONS for sentence in function(user, review)]
