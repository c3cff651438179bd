"""A review's lifecycle as an explicit state machine. No Django here but ReviewStatus and
Framework, value types (ADR 14).

    active ──► on_hold ──► active          (on hold only while a parallel process is ongoing)
    active | on_hold ──► completed         (signed off by the board, with its date where known)
    completed ──► published                (with its date, never before sign-off)
    completed ──► not_published            (with the date of the decision and the reason)
    not_published ──► published            (published later, once other processes allow)

Each transition has guards; a refused transition says which condition is unmet. Each names the
line of the permission table that allows it: signing off and publishing are the partnership's.

Under Working Together 2018 and later a local review's six months run from commissioning to
publication; under the earlier editions, to completion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from casereview.core.workingdays import add_months
from casereview.referrals.choices import Framework
from casereview.referrals.frameworkwords import words
from casereview.reviews.choices import ReviewStatus

# The editions under which the six months run to publication (the earlier: to completion).
SIX_MONTHS_TO_PUBLICATION = frozenset({Framework.WT2018, Framework.WT2023})
IN_PROGRESS = frozenset({ReviewStatus.ACTIVE, ReviewStatus.ON_HOLD})

# A status inside a sentence ("A review that is on hold cannot be signed off"): its label.
STATUS_WORDS: dict[str, str] = {status: status.label.lower() for status in ReviewStatus}


@dataclass(frozen=True)
class ReviewFacts:
    """What the guards need to know about the review and the request."""

    status: str
    commissioned: dt.date
    today: dt.date
    ongoing_parallel_processes: int = 0
    signed_off: dt.date | None = None
    published: dt.date | None = None
    decided_not_to_publish: dt.date | None = None
    reason: str = ""


Guard = Callable[[ReviewFacts], str | None]


def parallel_process_ongoing(facts: ReviewFacts) -> str | None:
    """A review is held only while another process it must wait for is ongoing."""
    if facts.ongoing_parallel_processes == 0:
        return (
            "A review can be put on hold only while a parallel process is ongoing: record the "
            "criminal proceedings, inquest or other process first"
        )
    return None


def hold_reason_given(facts: ReviewFacts) -> str | None:
    """The board is told why a review is held up: the reason is asked when it is put on hold."""
    if not facts.reason.strip():
        return "Enter why the review is being put on hold"
    return None


def signed_off_after_commissioning(facts: ReviewFacts) -> str | None:
    if facts.signed_off and facts.signed_off < facts.commissioned:
        return "The sign-off date must be on or after the date the review was commissioned"
    return None


def signed_off_not_in_future(facts: ReviewFacts) -> str | None:
    if facts.signed_off and facts.signed_off > facts.today:
        return "The sign-off date must be today or in the past"
    return None


def published_date_given(facts: ReviewFacts) -> str | None:
    if facts.published is None:
        return "Enter the date the review was published"
    return None


def published_after_sign_off(facts: ReviewFacts) -> str | None:
    """A review is never published before the board signs it off."""
    if facts.published and facts.signed_off and facts.published < facts.signed_off:
        return "The publication date must be on or after the date the review was signed off"
    return None


def published_not_in_future(facts: ReviewFacts) -> str | None:
    if facts.published and facts.published > facts.today:
        return "The publication date must be today or in the past"
    return None


def decision_not_to_publish_dated(facts: ReviewFacts) -> str | None:
    if facts.decided_not_to_publish is None:
        return "Enter the date the partnership decided not to publish the review"
    return None


def reason_given(facts: ReviewFacts) -> str | None:
    if not facts.reason.strip():
        return "Enter why the review will not be published"
    return None


@dataclass(frozen=True)
class Transition:
    name: str
    verb: str  # "put on hold", as in "cannot be put on hold"
    action: str  # the button: "Put on hold"
    sources: frozenset[str]
    target: str
    guards: tuple[Guard, ...]
    permission: tuple[str, str] = ("change", "reviews")


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "hold",
            "put on hold",
            "Put on hold",
            frozenset({ReviewStatus.ACTIVE}),
            ReviewStatus.ON_HOLD,
            (parallel_process_ongoing, hold_reason_given),
        ),
        Transition(
            "resume",
            "resumed",
            "Resume",
            frozenset({ReviewStatus.ON_HOLD}),
            ReviewStatus.ACTIVE,
            (),
        ),
        Transition(
            "complete",
            "signed off",
            "Record the board's sign-off",
            frozenset({ReviewStatus.ACTIVE, ReviewStatus.ON_HOLD}),
            ReviewStatus.COMPLETED,
            # The date may not be known (a partnership's tracker often does not hold it): the
            # review is completed all the same, and the report's notes say it is not known.
            (signed_off_after_commissioning, signed_off_not_in_future),
            ("sign off", "reviews"),
        ),
        Transition(
            "publish",
            "published",
            "Record publication",
            frozenset({ReviewStatus.COMPLETED, ReviewStatus.NOT_PUBLISHED}),
            ReviewStatus.PUBLISHED,
            (published_date_given, published_after_sign_off, published_not_in_future),
            ("publish", "reviews"),
        ),
        Transition(
            "withhold",
            "marked not published",
            "Record that it will not be published",
            frozenset({ReviewStatus.COMPLETED}),
            ReviewStatus.NOT_PUBLISHED,
            (decision_not_to_publish_dated, reason_given),
            ("publish", "reviews"),
        ),
    )
}


# The field a guard's refusal is about, where a step asks for more than one thing.
GUARD_FIELDS: dict[Guard, str] = {
    decision_not_to_publish_dated: "decided_not_to_publish",
    reason_given: "reason",
    hold_reason_given: "hold_reason",
}


def refusals(transition_name: str, facts: ReviewFacts) -> list[str]:
    """Why the transition cannot happen now; empty when it can."""
    return [
        m for messages in refusals_by_field(transition_name, facts, "").values() for m in messages
    ]


def refusals_by_field(
    transition_name: str, facts: ReviewFacts, default: str
) -> dict[str, list[str]]:
    """The refusals by the field each is about (`default` where a guard names none)."""
    transition = TRANSITIONS[transition_name]
    if facts.status not in transition.sources:
        return {
            default: [f"A review that is {STATUS_WORDS[facts.status]} cannot be {transition.verb}"]
        }
    return guard_refusals(transition.guards, facts, default)


def guard_refusals(
    guards: Iterable[Guard], facts: ReviewFacts, default: str
) -> dict[str, list[str]]:
    """What the guards refuse, by the field each is about (`default` where a guard names none)."""
    found: dict[str, list[str]] = {}
    for guard in guards:
        if (message := guard(facts)) is not None:
            found.setdefault(GUARD_FIELDS.get(guard, default), []).append(message)
    return found


def allowed(facts: ReviewFacts) -> list[str]:
    """The transitions whose source is the review's status (their guards may still refuse)."""
    return [name for name, t in TRANSITIONS.items() if facts.status in t.sources]


def complete_by(commissioned: dt.date) -> dt.date:
    """A review should be complete within six months of being commissioned (criteria.md);
    under Working Together 2018 and later, published."""
    return add_months(commissioned, 6)


def runs_to_publication(framework: str) -> bool:
    return framework in SIX_MONTHS_TO_PUBLICATION


def report_goes_to(framework: str) -> str:
    """Who the final report is sent to before publication, in the words of the edition."""
    if runs_to_publication(framework):
        return "the Child Safeguarding Practice Review Panel and the Secretary of State"
    return "the national panel"


def six_months_apply(framework: str, status: str) -> bool:
    """Whether the review can still be late: in progress, or under Working Together 2018 and
    later signed off but not yet published."""
    if runs_to_publication(framework):
        return status in IN_PROGRESS or status == ReviewStatus.COMPLETED
    return status in IN_PROGRESS


def done_words(transition: Transition) -> str:
    """The confirmation once the step is taken: the review's new status ("The review is now
    published."), or, for a decision not to publish, the decision."""
    if transition.target == ReviewStatus.NOT_PUBLISHED:
        return "The decision not to publish the review has been recorded."
    return f"The review is now {STATUS_WORDS[transition.target]}."


def action_words(transition: Transition, framework: str | None) -> str:
    """The button's words in the review's guidance: the board signs a review off before
    2018; the safeguarding partners agree it since."""
    if transition.name == "complete":
        return words(framework).record_sign_off
    return transition.action
