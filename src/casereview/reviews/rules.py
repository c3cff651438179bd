"""The rules of a review's state and of what hangs off it (core/rules.py). No Django here.

A review's status and its dates agree: a sign-off date only once completed (or after; the
date may be unknown), published only when published, each in order and none in the future. How a review moves between statuses is
the lifecycle's (reviews/lifecycle.py), whose guards these rules reuse.
"""

from __future__ import annotations

import datetime as dt
from typing import overload

from casereview.core.partialdates import PartialDate
from casereview.core.rules import Problem, found, not_in_the_future, rule
from casereview.reviews import lifecycle
from casereview.reviews.choices import ReviewStatus

SIGNED_OFF = (ReviewStatus.COMPLETED, ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED)


@overload
def _day(value: PartialDate | dt.date) -> dt.date: ...


@overload
def _day(value: PartialDate | dt.date | None) -> dt.date | None: ...


def _day(value: PartialDate | dt.date | None) -> dt.date | None:
    return value.first_day if isinstance(value, PartialDate) else value


@rule("review")
def review_state_problems(
    *,
    status: str,
    commissioned: PartialDate | dt.date | None,
    signed_off: PartialDate | dt.date | None,
    published: PartialDate | dt.date | None,
    parallel_processes: int,
    today: dt.date,
) -> list[Problem]:
    """The status and the dates as the lifecycle leaves them. A review on hold waits for a
    parallel process recorded on it (which may since have concluded: the review stays on hold
    until the partnership resumes it)."""
    problems = found(
        not_in_the_future("commissioned", commissioned, today, "The commissioning date")
    )
    if commissioned is None:
        return problems
    facts = lifecycle.ReviewFacts(
        status=status,
        commissioned=_day(commissioned),
        today=today,
        signed_off=_day(signed_off),
        published=_day(published),
    )
    guards = [
        ("signed_off", lifecycle.signed_off_after_commissioning),
        ("signed_off", lifecycle.signed_off_not_in_future),
        ("published", lifecycle.published_after_sign_off),
        ("published", lifecycle.published_not_in_future),
    ]
    if status == ReviewStatus.PUBLISHED:
        guards.append(("published", lifecycle.published_date_given))
    problems += [Problem(field, m) for field, guard in guards if (m := guard(facts)) is not None]
    words = lifecycle.STATUS_WORDS.get(status, status)
    if facts.published and facts.published < facts.commissioned:
        problems.append(
            Problem(
                "published",
                "The publication date must be on or after the date the review was commissioned",
            )
        )
    if signed_off and status not in SIGNED_OFF:
        problems.append(
            Problem(
                "signed_off",
                f"A review that is {words} has not been signed off: leave the sign-off date "
                "empty, or record the sign-off",
            )
        )
    if published and status != ReviewStatus.PUBLISHED:
        problems.append(
            Problem(
                "published",
                f"A review that is {words} has not been published: leave the publication date "
                "empty, or record the publication",
            )
        )
    if status == ReviewStatus.ON_HOLD and parallel_processes == 0:
        problems.append(
            Problem(
                "status",
                "A review is on hold for a parallel process: record the criminal proceedings, "
                "inquest or other process it waits for",
            )
        )
    return problems


@rule("review")
def publication_problems(
    *,
    status: str,
    commissioned: PartialDate | dt.date | None,
    sent_to_panel: PartialDate | dt.date | None,
    decided_not_to_publish: PartialDate | dt.date | None,
    reason: str,
    today: dt.date,
    stated: bool = False,
) -> list[Problem]:
    """Publish or explain: a review not published says when the partnership decided so and
    why. A decision not to publish stays on a review published later.

    Where a review was recorded as not published before the service asked why (a version 1
    document, an older tracker), the decision is not known: nothing of it recorded is allowed
    and listed in the report's notes, never invented. Once any of it is recorded, or a document
    states the publication (`stated`), the date and the reason are both required."""
    problems = found(
        not_in_the_future(
            "sent_to_panel", sent_to_panel, today, "The date the final report was sent"
        ),
        not_in_the_future(
            "decided_not_to_publish",
            decided_not_to_publish,
            today,
            "The date of the decision not to publish",
        ),
    )
    start = _day(commissioned)
    for field, day, words in (
        ("sent_to_panel", _day(sent_to_panel), "The date the final report was sent"),
        ("decided_not_to_publish", _day(decided_not_to_publish), "The date of the decision"),
    ):
        if start is not None and day is not None and day < start:
            problems.append(
                Problem(field, f"{words} must be on or after the date the review was commissioned")
            )
    unknown = decision_not_to_publish_unknown(
        status=status, decided=decided_not_to_publish, reason=reason
    )
    if status == ReviewStatus.NOT_PUBLISHED and (stated or not unknown):
        facts = lifecycle.ReviewFacts(
            status=status,
            commissioned=start or today,
            today=today,
            decided_not_to_publish=_day(decided_not_to_publish),
            reason=reason,
        )
        guards = [
            ("decided_not_to_publish", lifecycle.decision_not_to_publish_dated),
            ("reason", lifecycle.reason_given),
        ]
        problems += [Problem(f, m) for f, guard in guards if (m := guard(facts)) is not None]
    elif decided_not_to_publish and status not in (
        ReviewStatus.PUBLISHED,
        ReviewStatus.NOT_PUBLISHED,
    ):
        words = lifecycle.STATUS_WORDS.get(status, status)
        problems.append(
            Problem(
                "decided_not_to_publish",
                f"A review that is {words} has no decision not to publish: leave its date "
                "empty, or record the decision not to publish",
            )
        )
    return problems


def decision_not_to_publish_unknown(*, status: str, decided: object, reason: str) -> bool:
    """A review recorded as not published whose decision (when, why) is not known."""
    return status == ReviewStatus.NOT_PUBLISHED and decided is None and not reason.strip()


@rule("family contribution")
def family_contribution_problems(*, date: PartialDate | None, today: dt.date) -> list[Problem]:
    return found(not_in_the_future("date", date, today, "The date of the contribution"))


@rule("document")
def document_problems(*, published: PartialDate | None, today: dt.date) -> list[Problem]:
    return found(not_in_the_future("published", published, today, "The publication date"))


def national_review_problems(
    *, published: PartialDate | dt.date | None, today: dt.date
) -> list[Problem]:
    """A national review is recorded once the Panel has published it. (Not registered: the
    exchange format holds no national reviews, so only the pages apply it.)"""
    return found(not_in_the_future("published", published, today, "The publication date"))
