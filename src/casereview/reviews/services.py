"""Every change to reviews and what hangs off them. Each writes its audit row.

A review's status changes only through the lifecycle's transitions (reviews/lifecycle.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, TypeVar

from django.core.exceptions import ValidationError

from casereview.accounts.choices import Role
from casereview.accounts.models import Agency, Partnership, User
from casereview.core import audit, writes
from casereview.core.choices import AuditAction
from casereview.core.partialdates import PartialDate
from casereview.core.writes import today
from casereview.referrals.choices import DecisionOutcome
from casereview.referrals.models import Child, Decision
from casereview.reviews import gates, lifecycle
from casereview.reviews.choices import ParallelProcessStatus, ReviewStatus
from casereview.reviews.mapping import REVIEW
from casereview.reviews.models import (
    FamilyContribution,
    LearningPoint,
    LearningSummary,
    NationalReview,
    ParallelProcess,
    Review,
    ReviewDocument,
    ReviewPart,
)
from casereview.themes.models import Theme

if TYPE_CHECKING:
    from typing_extensions import Unpack

STATUS_FIELDS = (
    "status",
    "signed_off",
    "signed_off_precision",
    "published",
    "published_precision",
    "decided_not_to_publish",
    "decided_not_to_publish_precision",
    "not_published_reason",
    "published_instead",
    "hold_reason",
    "held_since",
)
SENT_FIELDS = ("sent_to_panel", "sent_to_panel_precision")
# What a review's pages change: its facts in the exchange format but its status and the dates
# its lifecycle sets, and why it is late.
REVIEW_FIELDS = (
    *(name for name in REVIEW.stored_fields if name not in (*STATUS_FIELDS, *SENT_FIELDS)),
    "delay_reason",
)
PARTIAL_DATES = ("commissioned",)
# A review's children and themes, as its audit rows name them.
REVIEW_RELATIONS = {"children": "pk", "themes": "code"}
CHANGE_REVIEWS = ("change", "reviews")


class _Owned(Protocol):
    @property
    def partnership_id(self) -> int | None: ...


def _check_same_partnership(
    partnership: Partnership, field: str, records: Iterable[_Owned]
) -> None:
    for record in records:
        owner = record.partnership_id
        if owner is not None and owner != partnership.pk:
            raise ValidationError({field: ["Choose from your own partnership's records"]})


def _set_fields(review: Review, fields: dict[str, Any]) -> None:
    writes.assign(
        review,
        fields,
        REVIEW_FIELDS,
        partial_dates=PARTIAL_DATES,
        unknown="a review has no field {name!r} to set here",
    )


def _set_complete_by(review: Review) -> None:
    review.complete_by = lifecycle.complete_by(review.commissioned) if review.commissioned else None


def create_review(
    partnership: Partnership,
    *,
    acting_user: User | None,
    children: Sequence[Child] = (),
    themes: Sequence[Theme] = (),
    decision: Decision | None = None,
    **fields: Any,
) -> Review:
    """Commission a review; from a decision, the decision then names it."""
    with writes.acting(acting_user, ("add", "reviews"), within=partnership) as act:
        _check_same_partnership(partnership, "children", children)
        _check_same_partnership(partnership, "themes", themes)
        review = Review(partnership=partnership)
        _set_fields(review, fields)
        _set_complete_by(review)
        act.create(
            review,
            REVIEW_FIELDS,
            relations=REVIEW_RELATIONS,
            relate={"children": children, "themes": themes},
        )
        if decision is not None:
            if decision.referral.partnership_id != partnership.pk:
                raise ValidationError({"decision": ["That decision is another partnership's"]})
            change = act.track(decision, ("outcome", "review"))
            decision.review = review
            if decision.outcome == DecisionOutcome.NO_REVIEW:
                # Reconsidered (after the national panel's challenge, say): the decision that
                # stands is the one to commission; the audit trail keeps the first.
                decision.outcome = DecisionOutcome.REVIEW_COMMISSIONED
            change.save(update_fields=["review", "outcome"])
    return review


def change_review(
    review: Review,
    *,
    acting_user: User | None,
    children: list[Child] | None = None,
    themes: list[Theme] | None = None,
    read_at: int | None = None,
    **fields: Any,
) -> Review:
    sent = {**fields, "children": children, "themes": themes}
    with writes.changing(
        acting_user,
        CHANGE_REVIEWS,
        review,
        REVIEW_FIELDS,
        read_at=read_at,
        sent=sent,
        relations=REVIEW_RELATIONS,
    ) as change:
        _set_fields(review, fields)
        _set_complete_by(review)
        for name, records in (("children", children), ("themes", themes)):
            if records is not None:
                _check_same_partnership(review.partnership, name, records)
        change.save(relate={"children": children, "themes": themes})
    return review


# The lifecycle


class _Request(TypedDict, total=False):
    """What a transition's form says beside the review's own facts."""

    signed_off: dt.date | None
    published: dt.date | None
    decided_not_to_publish: dt.date | None
    reason: str


def _facts(review: Review, **request: Unpack[_Request]) -> lifecycle.ReviewFacts:
    ongoing = review.parallel_processes.filter(status=ParallelProcessStatus.ONGOING).count()
    return lifecycle.ReviewFacts(
        status=review.status,
        commissioned=review.commissioned,
        today=today(),
        ongoing_parallel_processes=ongoing,
        signed_off=request.get("signed_off", review.signed_off),
        published=request.get("published", review.published),
        decided_not_to_publish=request.get("decided_not_to_publish", review.decided_not_to_publish),
        reason=request.get("reason", ""),
    )


def _transition(
    review: Review,
    name: str,
    *,
    acting_user: User | None,
    error_field: str,
    apply: Callable[[Review], None] = lambda review: None,
    **request: Unpack[_Request],
) -> Review:
    """Move the review along its lifecycle if the guards allow, recording what changed.

    A person whose role may not take the step is refused; `acting_user=None` is the system.
    """
    transition = lifecycle.TRANSITIONS[name]
    with writes.acting(acting_user, transition.permission, within=review) as act:
        refused = lifecycle.refusals_by_field(name, _facts(review, **request), error_field)
        if not refused and (stopped := gates.refusals_of(name, review)):
            refused = {error_field: stopped}
        if refused:
            raise ValidationError(refused)
        change = act.track(review, STATUS_FIELDS)
        review.status = transition.target
        apply(review)
        change.save()
    return review


def hold_review(review: Review, *, reason: str, acting_user: User | None) -> Review:
    """Put the review on hold, today, for the reason given (the home page shows it)."""

    def apply(r: Review) -> None:
        r.hold_reason = reason.strip()
        r.held_since = today()

    return _transition(
        review, "hold", acting_user=acting_user, error_field="status", reason=reason, apply=apply
    )


def resume_review(review: Review, *, acting_user: User | None) -> Review:
    """Take the review off hold: why and since when it was held stay in its audit rows."""

    def apply(r: Review) -> None:
        r.hold_reason = ""
        r.held_since = None

    return _transition(review, "resume", acting_user=acting_user, error_field="status", apply=apply)


def _dated_transition(
    review: Review,
    name: str,
    field: str,
    day: PartialDate | dt.date | None,
    *,
    acting_user: User | None,
) -> Review:
    """A step taken on a day the review records (`field`: "signed_off", "published"), which
    its guards check."""
    date = PartialDate.coerce(day)
    first_day = date.first_day if date else None
    request: _Request = (
        {"signed_off": first_day} if field == "signed_off" else {"published": first_day}
    )
    return _transition(
        review,
        name,
        acting_user=acting_user,
        error_field=field,
        **request,
        apply=lambda r: setattr(r, f"{field}_partial", date),
    )


def sign_off_review(
    review: Review, *, signed_off: PartialDate | dt.date | None, acting_user: User | None
) -> Review:
    """The board signed the review off: it is completed."""
    return _dated_transition(review, "complete", "signed_off", signed_off, acting_user=acting_user)


def publish_review(
    review: Review, *, published: PartialDate | dt.date | None, acting_user: User | None
) -> Review:
    return _dated_transition(review, "publish", "published", published, acting_user=acting_user)


def withhold_review(
    review: Review,
    *,
    decided_not_to_publish: PartialDate | dt.date | None,
    reason: str,
    published_instead: str = "",
    acting_user: User | None,
) -> Review:
    """The partnership decided, on the day given, not to publish the review, for the reason
    given; what it published in its place, if anything."""
    decided = PartialDate.coerce(decided_not_to_publish)
    return _transition(
        review,
        "withhold",
        acting_user=acting_user,
        error_field="reason",
        decided_not_to_publish=decided.first_day if decided else None,
        reason=reason,
        apply=lambda r: _set_decision_not_to_publish(r, decided, reason, published_instead),
    )


def _set_decision_not_to_publish(
    review: Review, decided: PartialDate | None, reason: str, published_instead: str
) -> None:
    review.decided_not_to_publish_partial = decided
    review.not_published_reason = reason.strip()
    review.published_instead = published_instead.strip()


def record_decision_not_to_publish(
    review: Review,
    *,
    decided_not_to_publish: PartialDate | dt.date | None,
    reason: str,
    published_instead: str = "",
    acting_user: User | None,
) -> Review:
    """A review recorded as not published before the service asked why (from a version 1
    document or an older tracker): when the partnership decided so and why, recorded now."""
    decided = PartialDate.coerce(decided_not_to_publish)
    with writes.acting(acting_user, ("publish", "reviews"), within=review) as act:
        if review.status != ReviewStatus.NOT_PUBLISHED:
            words = lifecycle.STATUS_WORDS[review.status]
            raise ValidationError(
                {
                    "reason": [
                        f"Only a review not published has a decision not to publish: this one is {words}"
                    ]
                }
            )
        facts = _facts(
            review, decided_not_to_publish=decided.first_day if decided else None, reason=reason
        )
        # The same guards as the step "Record that it will not be published".
        guards = lifecycle.TRANSITIONS["withhold"].guards
        refused = lifecycle.guard_refusals(guards, facts, "reason")
        if refused:
            raise ValidationError(refused)
        change = act.track(review, STATUS_FIELDS)
        _set_decision_not_to_publish(review, decided, reason, published_instead)
        change.save()
    return review


def record_report_sent(
    review: Review, *, sent_to_panel: PartialDate | dt.date | None, acting_user: User | None
) -> Review:
    """The final report was sent to the Panel and the Secretary of State (before publication);
    an empty date takes back a date recorded in error."""
    with writes.acting(acting_user, ("publish", "reviews"), within=review) as act:
        if not review.is_signed_off:
            raise ValidationError(
                {
                    "sent_to_panel": [
                        "The final report is sent once the review is signed off: record "
                        "the sign-off first"
                    ]
                }
            )
        change = act.track(review, SENT_FIELDS)
        review.sent_to_panel_partial = PartialDate.coerce(sent_to_panel)
        change.save()
    return review


# What hangs off a review


P = TypeVar("P", bound=ReviewPart)


def _add_part(act: writes.Act, part: P, fields: tuple[str, ...]) -> P:
    """A new record that hangs off a review: its row names the review."""
    return act.create(part, fields, about={"review": part.review_id})


def add_parallel_process(
    review: Review, *, kind: str, status: str, note: str = "", acting_user: User | None
) -> ParallelProcess:
    with writes.acting(acting_user, CHANGE_REVIEWS, within=review) as act:
        process = ParallelProcess(review=review, kind=kind, status=status, note=note)
        return _add_part(act, process, ("kind", "status", "note"))


def conclude_parallel_process(
    process: ParallelProcess, *, acting_user: User | None
) -> ParallelProcess:
    with writes.acting(acting_user, CHANGE_REVIEWS, within=process.review) as act:
        change = act.track(process, ("status",))
        process.status = ParallelProcessStatus.CONCLUDED
        change.save(update_fields=["status"])
    return process


def add_family_contribution(
    review: Review,
    *,
    member: str,
    date: PartialDate | dt.date | None = None,
    facilitated_by: Agency | None = None,
    note: str = "",
    acting_user: User | None,
) -> FamilyContribution:
    with writes.acting(acting_user, CHANGE_REVIEWS, within=review) as act:
        date = PartialDate.coerce(date)
        if facilitated_by is not None:
            _check_same_partnership(review.partnership, "facilitated_by", [facilitated_by])
        contribution = FamilyContribution(
            review=review, member=member, facilitated_by=facilitated_by, note=note
        )
        contribution.date_partial = date
        return _add_part(act, contribution, ("date", "member", "facilitated_by", "note"))


def add_document(
    review: Review,
    *,
    kind: str,
    title: str,
    url: str = "",
    published: PartialDate | dt.date | None = None,
    acting_user: User | None,
) -> ReviewDocument:
    with writes.acting(acting_user, CHANGE_REVIEWS, within=review) as act:
        document = ReviewDocument(review=review, kind=kind, title=title, url=url)
        document.published_partial = PartialDate.coerce(published)
        return _add_part(act, document, ("kind", "title", "url", "published"))


def assign_reviewer(review: Review, user: User, *, acting_user: User | None) -> None:
    """An independent reviewer sees and edits the reviews they are assigned to, and no other."""
    with writes.acting(acting_user, ("assign", "reviewers"), within=review) as act:
        if not user.memberships.filter(
            partnership=review.partnership, role=Role.REVIEWER, is_active=True
        ).exists():
            raise ValidationError(
                {"reviewer": ["Choose an independent reviewer of your partnership"]}
            )
        review.assigned_reviewers.add(user)
        act.record(
            AuditAction.CHANGE,
            obj=review,
            changes={"assigned_reviewers": {"added": user.username}},
        )


def record_delay_reason(
    review: Review, *, delay_reason: str, acting_user: User | None, read_at: int | None = None
) -> Review:
    """Why a review is taking longer than six months: boards must be told of delays."""
    return change_review(
        review, acting_user=acting_user, read_at=read_at, delay_reason=delay_reason.strip()
    )


# Learning


def add_learning_point(
    review: Review, *, text: str, themes: Sequence[Theme] = (), acting_user: User | None
) -> LearningPoint:
    with writes.acting(acting_user, CHANGE_REVIEWS, within=review) as act:
        _check_same_partnership(review.partnership, "themes", themes)
        position = review.learning_points.count() + 1
        point = LearningPoint(review=review, text=text.strip(), position=position)
        return act.create(
            point,
            ("text",),
            relations={"themes": "code"},
            relate={"themes": themes},
            about={"review": review.pk},
        )


def change_learning_point(
    point: LearningPoint, *, text: str, themes: list[Theme], acting_user: User | None
) -> LearningPoint:
    with writes.acting(acting_user, CHANGE_REVIEWS, within=point.review) as act:
        _check_same_partnership(point.review.partnership, "themes", themes)
        change = act.track(point, ("text",), relations={"themes": "code"})
        point.text = text.strip()
        change.save(relate={"themes": themes})
    return point


def save_learning_summary(
    review: Review, *, acting_user: User | None, read_at: int | None = None, **text: str
) -> LearningSummary:
    """Write or rewrite the review's learning summary text."""
    fields = LearningSummary.TEXT
    with writes.acting(acting_user, CHANGE_REVIEWS, within=review, read_at=read_at) as act:
        act.lock(review)  # someone may have written one since the form was opened
        summary = LearningSummary.objects.filter(review=review).first()
        act.refuse_if_stale([summary], text)
        summary = summary or LearningSummary(review=review)
        change = act.track(summary, fields)
        for name in fields:
            setattr(summary, name, text.get(name, "").strip())
        change.save()
    return summary


def record_download(review: Review, *, what: str, acting_user: User | None) -> None:
    audit.record(
        AuditAction.DOWNLOAD, actor=acting_user, obj=review, object_repr=f"{what}: {review}"
    )


# National reviews: the Panel's, which a partnership records to act on their recommendations

NATIONAL_REVIEW_FIELDS = ("title", "published", "summary", "link")


def _set_national_fields(national: NationalReview, fields: dict[str, Any]) -> None:
    if "title" in fields:
        fields = {**fields, "title": fields["title"].strip()}
    writes.assign(
        national,
        fields,
        NATIONAL_REVIEW_FIELDS,
        partial_dates=("published",),
        unknown="a national review has no field {name!r} to set here",
    )


def add_national_review(
    partnership: Partnership, *, acting_user: User | None, **fields: Any
) -> NationalReview:
    """Record a national review the Panel published (title, publication date, and a summary
    and link if wanted): the partnership's own copy, to add its recommendations to."""
    with writes.acting(acting_user, ("add", "national reviews"), within=partnership) as act:
        national = NationalReview(partnership=partnership, recorded_by=acting_user)
        _set_national_fields(national, fields)
        return act.create(national, NATIONAL_REVIEW_FIELDS)


def change_national_review(
    national: NationalReview,
    *,
    acting_user: User | None,
    read_at: int | None = None,
    **fields: Any,
) -> NationalReview:
    with writes.changing(
        acting_user,
        ("change", "national reviews"),
        national,
        NATIONAL_REVIEW_FIELDS,
        read_at=read_at,
        sent=fields,
    ) as change:
        _set_national_fields(national, fields)
        change.save()
    return national
