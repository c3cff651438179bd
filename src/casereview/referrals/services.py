"""Every change to referrals, children, decisions and national panel submissions.

Each function is one thing a person does, is atomic, checks the rules, recomputes what the
guidance requires, and writes its audit row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from casereview.accounts.models import Agency, Partnership, User
from casereview.core import audit, writes
from casereview.core.choices import AuditAction, YesNoUnknown
from casereview.core.mapping import PARTIAL
from casereview.core.partialdates import PartialDate
from casereview.referrals import criteria
from casereview.referrals.choices import (
    Consideration,
    Framework,
    SafeguardingPartner,
)
from casereview.referrals.mapping import (
    CHILD,
    DECISION,
    PANEL_SUBMISSION,
    RAPID_REVIEW,
    REFERRAL,
)
from casereview.referrals.models import (
    ASKS_FOR_REPLY as ASKS_FOR_REPLY,  # the exchange and the views ask services for it
)
from casereview.referrals.models import (
    Child,
    Decision,
    PanelSubmission,
    RapidReview,
    ReferenceCounter,
    Referral,
    ReferralDocument,
)

# Where the child lives and where the harm happened, and the area agreed to lead: the pages
# record them; the exchange format (version 2) has no place for them, so an import keeps them.
AREA_FACTS = ("child_lives_in", "harm_happened_in", "lead_agreed")
# What the referral's pages change: its facts as the exchange format holds them, and its areas.
REFERRAL_FACTS = (*REFERRAL.stored_fields, *AREA_FACTS)
PARTIAL_DATES = tuple(field.name for field in REFERRAL.fields if field.kind in PARTIAL)
CHILD_FIELDS = CHILD.stored_fields
# The decision's own facts: the review it led to is recorded when the review is commissioned.
DECISION_FIELDS = tuple(name for name in DECISION.stored_fields if name != "review")
# The submission's facts, the note a panel member adds to its response, and whether the
# partnership's reply to it is due.
SUBMISSION_FIELDS = (*PANEL_SUBMISSION.stored_fields, "response_note", "reply_due")
# The rapid review's facts; the agencies it drew on are its many-to-many relation.
RAPID_REVIEW_FIELDS = RAPID_REVIEW.stored_fields
# The Panel's responses the partnership replies to.


# Children


def create_child(partnership: Partnership, *, acting_user: User | None, **fields: Any) -> Child:
    """A child a referral is about (a child is recorded only with a referral: whoever may
    change the partnership's children)."""
    with writes.acting(acting_user, ("change", "children"), within=partnership) as act:
        return act.create(Child(partnership=partnership, **fields), CHILD_FIELDS)


def change_child(
    child: Child, *, acting_user: User | None, read_at: int | None = None, **fields: Any
) -> Child:
    """Change a child's details; the referrals about them are assessed again (Wales asks
    whether the child was on a plan or looked after)."""
    with writes.changing(
        acting_user, ("change", "children"), child, CHILD_FIELDS, read_at=read_at, sent=fields
    ) as change:
        writes.assign(child, fields, CHILD_FIELDS, unknown="a child has no field {name!r}")
        if change.save():
            for referral in child.referrals.all():
                reassess(referral)
                referral.save(update_fields=ASSESSMENT_FIELDS)
    return child


# Referrals


def facts_of(referral: Referral, children: Iterable[Child]) -> criteria.Facts:
    children = list(children)
    return criteria.Facts(
        harm=referral.harm,
        abuse_or_neglect=referral.abuse_or_neglect,
        interagency_concern=referral.interagency_concern,
        suspected_suicide=referral.suspected_suicide,
        death_in_custody=referral.death_in_custody,
        protection_plan_or_looked_after=_plan_or_looked_after(children),
        looked_after_at_incident=_any_looked_after(children),
        aware=referral.aware,
        received=referral.received,
        notified=referral.notified,
    )


def _plan_or_looked_after(children: list[Child]) -> str:
    return _any_yes(
        [
            answer
            for child in children
            for answer in (child.cp_plan_at_incident, child.looked_after_at_incident)
        ]
    )


def _any_looked_after(children: list[Child]) -> str:
    """Whether any child was looked after at the time (their death is notifiable)."""
    return _any_yes([child.looked_after_at_incident for child in children])


def _any_yes(answers: list[str]) -> str:
    if YesNoUnknown.YES in answers:
        return YesNoUnknown.YES
    if answers and all(answer == YesNoUnknown.NO for answer in answers):
        return YesNoUnknown.NO
    return YesNoUnknown.UNKNOWN


def assessment_of(
    referral: Referral, children: Iterable[Child] | None = None
) -> criteria.Assessment:
    """What the guidance requires of the referral as recorded (framework as recorded or chosen)."""
    if children is None:
        children = referral.children.all() if referral.pk else []
    return criteria.assess(
        facts_of(referral, children), referral.partnership.nation, referral.framework or None
    )


# Where a referral keeps what the guidance requires of it (ADR 0005).
ASSESSMENT_FIELDS = (
    "assessed_framework",
    "assessed_outcome",
    "assessed_reasons",
    "notify_by",
    "decide_by",
    "rapid_review_by",
)


def reassess(referral: Referral, children: Iterable[Child] | None = None) -> criteria.Assessment:
    """Assess the referral again and keep the assessment in its ASSESSMENT_FIELDS, unsaved."""
    found = assessment_of(referral, children)
    referral.assessed_framework = found.framework
    referral.assessed_outcome = found.outcome
    referral.assessed_reasons = list(found.reasons)
    referral.notify_by = found.deadlines.notify_by
    referral.decide_by = found.deadlines.decide_by
    referral.rapid_review_by = found.deadlines.rapid_review_by
    return found


def _set_facts(referral: Referral, facts: dict[str, Any]) -> None:
    writes.assign(
        referral,
        facts,
        REFERRAL_FACTS,
        partial_dates=PARTIAL_DATES,
        unknown="a referral has no fact {name!r}",
    )


def next_reference(partnership: Partnership, year: int) -> str:
    """`CODE-YEAR-NNN`, the next number of the partnership's year; never one already given."""
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(
        partnership=partnership, year=year
    )
    number = counter.last_number
    while True:
        number += 1
        reference = f"{partnership.code}-{year}-{number:03d}"
        if not Referral.objects.filter(partnership=partnership, reference=reference).exists():
            break
    counter.last_number = number
    counter.save(update_fields=["last_number"])
    return reference


def create_referral(
    partnership: Partnership,
    *,
    children: list[Child],
    acting_user: User | None,
    reference: str = "",
    external_key: str = "",
    **facts: Any,
) -> Referral:
    if not children:
        raise ValidationError({"children": ["Add at least one child the referral is about"]})
    with writes.acting(acting_user, ("add", "referrals"), within=partnership) as act:
        referral = Referral(partnership=partnership, external_key=external_key)
        _set_facts(referral, facts)
        if referral.referred_by.partnership_id != partnership.pk:
            raise ValidationError({"referred_by": ["Select one of your partnership's agencies"]})
        if any(child.partnership_id != partnership.pk for child in children):
            raise ValidationError({"children": ["A child of another partnership cannot be added"]})
        referral.reference = reference or next_reference(partnership, referral.received.year)
        reassess(referral, children)
        act.create(
            referral,
            REFERRAL_FACTS,
            relations={"children": "pk"},
            relate={"children": children},
        )
    return referral


def create_referral_with_new_child(
    partnership: Partnership, *, child: dict[str, Any], acting_user: User | None, **facts: Any
) -> Referral:
    """A referral and the first child it is about, recorded together or not at all."""
    with writes.acting(acting_user, ("add", "referrals"), within=partnership):
        first_child = create_child(partnership, acting_user=acting_user, **child)
        return create_referral(
            partnership, children=[first_child], acting_user=acting_user, **facts
        )


def create_child_in_referral(
    referral: Referral, *, acting_user: User | None, **fields: Any
) -> Child:
    with writes.acting(acting_user, ("change", "referrals"), within=referral):
        child = create_child(referral.partnership, acting_user=acting_user, **fields)
        add_child_to_referral(referral, child, acting_user=acting_user)
    return child


def change_referral(
    referral: Referral, *, acting_user: User | None, read_at: int | None = None, **facts: Any
) -> Referral:
    """Change the facts; what the guidance requires is recomputed at once."""
    with writes.changing(
        acting_user, ("change", "referrals"), referral, REFERRAL_FACTS, read_at=read_at, sent=facts
    ) as change:
        _set_facts(referral, facts)
        decision = getattr(referral, "decision", None)
        if decision is not None:  # decided on or after the (new) date it was received
            decision.referral = referral
            decision.full_clean()
        reassess(referral)
        change.save()
    return referral


def add_referral_document(
    referral: Referral,
    *,
    kind: str,
    title: str,
    agency: Agency | None = None,
    acting_user: User | None,
) -> ReferralDocument:
    """Keep a record of a document an agency sent about the case; its files are uploaded to
    it (documents.services.upload_file). Its row names the referral."""
    with writes.acting(acting_user, ("change", "referrals"), within=referral) as act:
        document = ReferralDocument(
            partnership_id=referral.partnership_id,
            referral=referral,
            kind=kind,
            title=title,
            agency=agency,
        )
        return act.create(document, ("kind", "title", "agency"), about={"referral": referral.pk})


def add_child_to_referral(referral: Referral, child: Child, *, acting_user: User | None) -> None:
    with writes.acting(acting_user, ("change", "referrals"), within=referral) as act:
        if child.partnership_id != referral.partnership_id:
            raise ValidationError({"child": ["A child of another partnership cannot be added"]})
        referral.children.add(child)
        reassess(referral)
        referral.save(update_fields=ASSESSMENT_FIELDS)
        act.record(
            AuditAction.CHANGE,
            obj=referral,
            changes={"children": {"added": child.pk, "pseudonym": child.pseudonym}},
        )


# Decisions and the national panel


def record_decision(
    referral: Referral,
    *,
    date: PartialDate | dt.date,
    outcome: str,
    rationale: str = "",
    considerations: list[str] | None = None,
    acting_user: User | None,
    read_at: int | None = None,
) -> Decision:
    """Record, or correct, the subgroup's decision and its reasons (empty where they were
    not recorded), with the matters for a local review the case shows (Working Together
    2018 and later; None keeps those recorded)."""
    date = PartialDate.coerce(date)
    with writes.acting(
        acting_user, ("change", "referrals"), within=referral, read_at=read_at
    ) as act:
        sent = {"date": date, "outcome": outcome, "rationale": rationale}
        decision = act.one_of(referral, "decision", sent) or Decision(referral=referral)
        change = act.track(decision, DECISION_FIELDS)
        decision.date_partial = date
        decision.outcome, decision.rationale = outcome, rationale
        if considerations is not None:
            decision.considerations = _in_order(considerations, Consideration)
        decision.recorded_by = acting_user
        change.save()
    referral.decision = decision
    return decision


# Under these editions the serious incident notification is made to the Panel itself
# (Children Act 2004 s.16C): whatever is sent to the Panel about a case follows it.
NOTIFIED_TO_THE_PANEL = frozenset({Framework.WT2018, Framework.WT2023})


def asks_notification_with_submission(referral: Referral) -> bool:
    """Whether recording that the case was sent to the Panel must also record the notification:
    under Working Together 2018 and later, for a notifiable incident none is recorded for."""
    return (
        referral.assessed_framework in NOTIFIED_TO_THE_PANEL
        and referral.notified is None
        and facts_of(referral, referral.children.all()).notifiable
    )


def submit_to_national_panel(
    referral: Referral,
    *,
    submitted: PartialDate | dt.date,
    acting_user: User | None,
    read_at: int | None = None,
    notified: PartialDate | dt.date | None = None,
) -> PanelSubmission:
    """Record that the case was sent to the national panel; with `notified`, the notification
    not recorded yet, in the same act (the Panel receives a case only once it is notified, so
    recording one without the other would leave the referral saying it still must notify)."""
    submitted = PartialDate.coerce(submitted)
    with writes.acting(
        acting_user, ("add", "panel submissions"), within=referral, read_at=read_at
    ) as act:
        if notified is not None and referral.notified is None:
            change_referral(referral, acting_user=acting_user, notified=notified)
        submission: PanelSubmission | None = act.one_of(
            referral, "panel_submission", {"submitted": submitted}
        )
        if submission is None:
            submission = PanelSubmission(referral=referral, partnership=referral.partnership)
        change = act.track(submission, SUBMISSION_FIELDS)
        submission.submitted_partial = submitted
        change.save()
    return submission


def record_panel_response(
    submission: PanelSubmission,
    *,
    response: str,
    response_date: PartialDate | dt.date | None,
    note: str = "",
    acting_user: User | None,
    read_at: int | None = None,
) -> PanelSubmission:
    """The national panel's response: it agrees, disagrees and asks the partnership to
    reconsider, asks for more information, or considers a national review. Each but agreeing
    asks for the partnership's reply, due again even where it replied to an earlier one."""
    response_date = PartialDate.coerce(response_date)
    sent = {"response": response, "response_date": response_date, "response_note": note}
    with writes.changing(
        acting_user,
        ("change", "panel submissions"),
        submission,
        SUBMISSION_FIELDS,
        read_at=read_at,
        sent=sent,
    ) as change:
        submission.response = response
        submission.response_date_partial = response_date
        submission.response_note = note
        submission.responded_by = acting_user
        submission.reply_due = response in ASKS_FOR_REPLY
        change.save()
    return submission


def answer_panel_challenge(
    submission: PanelSubmission,
    *,
    local_response: str,
    acting_user: User | None,
    read_at: int | None = None,
) -> PanelSubmission:
    """The partnership's reply to the national panel's response (what it did about a
    challenge, the information asked for): its answer, so whoever may change its referrals
    gives it."""
    if not local_response.strip():
        raise ValidationError(
            {"local_response": ["Enter the partnership's reply to the national panel"]}
        )
    if submission.response not in ASKS_FOR_REPLY:
        raise ValidationError(
            {
                "local_response": [
                    "The national panel has asked nothing of the partnership: there is nothing "
                    "to reply to"
                ]
            }
        )
    with writes.changing(
        acting_user,
        ("change", "referrals"),
        submission,
        SUBMISSION_FIELDS,
        within=submission.referral,
        read_at=read_at,
        sent={"local_response": local_response},
    ) as change:
        submission.local_response = local_response.strip()
        submission.reply_due = False
        change.save(update_fields=["local_response", "reply_due"])
    return submission


# The rapid review (England, Working Together 2018 and later)


def _in_order(codes: Iterable[str], choices: type[Any]) -> list[str]:
    """The codes in their enumeration's order, each once."""
    wanted = set(codes)
    return [value for value in choices.values if value in wanted] + sorted(
        wanted - set(choices.values)  # left for the model's check to refuse
    )


def record_rapid_review(
    referral: Referral,
    *,
    meeting: PartialDate | dt.date | None,
    recommendation: str,
    immediate_actions: str = "",
    agencies: Iterable[Agency] = (),
    acting_user: User | None,
    read_at: int | None = None,
) -> RapidReview:
    """Record, or correct, the referral's rapid review: its meeting, the agencies whose
    information it drew on, what was done at once to keep children safe, and what it
    recommends. Its sign-off and sending to the Panel are their own steps."""
    meeting = PartialDate.coerce(meeting)
    agencies = list(agencies)
    if any(agency.partnership_id != referral.partnership_id for agency in agencies):
        raise ValidationError({"agencies": ["Select your partnership's agencies"]})
    existing = getattr(referral, "rapid_review", None)
    allowed = ("add" if existing is None else "change", "rapid reviews")
    sent = {"meeting": meeting, "recommendation": recommendation}
    with writes.acting(acting_user, allowed, within=referral, read_at=read_at) as act:
        rapid_review = act.one_of(referral, "rapid_review", sent) or RapidReview(
            referral=referral, partnership=referral.partnership
        )
        change = act.track(rapid_review, RAPID_REVIEW_FIELDS, relations={"agencies": "pk"})
        rapid_review.meeting_partial = meeting
        rapid_review.recommendation = recommendation
        rapid_review.immediate_actions = immediate_actions.strip()
        change.save(relate={"agencies": agencies})
    referral.rapid_review = rapid_review
    return rapid_review


def sign_off_rapid_review(
    rapid_review: RapidReview, *, partner: str, acting_user: User | None
) -> RapidReview:
    """One of the three safeguarding partners agrees the rapid review."""
    if partner not in SafeguardingPartner.values:
        raise ValidationError({"partner": ["Select the safeguarding partner who agreed it"]})
    with writes.changing(
        acting_user, ("change", "rapid reviews"), rapid_review, RAPID_REVIEW_FIELDS
    ) as change:
        rapid_review.signed_off_by = _in_order(
            [*rapid_review.signed_off_by, partner], SafeguardingPartner
        )
        change.save()
    return rapid_review


def send_rapid_review_to_panel(
    rapid_review: RapidReview,
    *,
    sent: PartialDate | dt.date,
    acting_user: User | None,
    read_at: int | None = None,
) -> RapidReview:
    """The rapid review, agreed by the three safeguarding partners, sent to the Child
    Safeguarding Practice Review Panel: this meets the 15 working days. The Panel responds
    to it on its pages, so the case is recorded as sent to the Panel too, where it was not."""
    sent = PartialDate.coerce(sent)
    if sent is None:
        raise ValidationError({"sent_to_panel": ["Enter the date it was sent to the Panel"]})
    if rapid_review.partners_to_sign:
        missing = ", ".join(p.label.lower() for p in rapid_review.partners_to_sign)
        raise ValidationError(
            {
                "sent_to_panel": [
                    "Each of the three safeguarding partners agrees the rapid review before it "
                    f"is sent to the Panel: record the sign-off of the {missing} first"
                ]
            }
        )
    with writes.changing(
        acting_user,
        ("change", "rapid reviews"),
        rapid_review,
        RAPID_REVIEW_FIELDS,
        read_at=read_at,
        sent={"sent_to_panel": sent},
    ) as change:
        rapid_review.sent_to_panel_partial = sent
        change.save()
        referral = rapid_review.referral
        if not PanelSubmission.objects.filter(referral=referral).exists():
            submit_to_national_panel(referral, submitted=sent, acting_user=acting_user)
    return rapid_review


def record_rapid_review_download(rapid_review: RapidReview, *, acting_user: User | None) -> None:
    """The audit row of a rapid review downloaded as a Word document."""
    audit.record(
        AuditAction.DOWNLOAD,
        actor=acting_user,
        obj=rapid_review,
        object_repr=f"rapid review (docx): {rapid_review.referral}",
    )


def preview_assessment(
    partnership: Partnership, facts: dict[str, Any]
) -> criteria.Assessment | None:
    """What the guidance would require of unsaved facts; None until the key facts are given."""
    received = PartialDate.coerce(facts.get("received"))
    if not facts.get("harm") or not facts.get("abuse_or_neglect") or received is None:
        return None
    aware, notified = (
        PartialDate.coerce(facts.get("aware")),
        PartialDate.coerce(facts.get("notified")),
    )
    unsaved = criteria.Facts(
        harm=facts["harm"],
        abuse_or_neglect=facts["abuse_or_neglect"],
        interagency_concern=facts.get("interagency_concern") or YesNoUnknown.UNKNOWN,
        suspected_suicide=bool(facts.get("suspected_suicide")),
        death_in_custody=bool(facts.get("death_in_custody")),
        aware=aware.first_day if aware else None,
        received=received.first_day,
        notified=notified.first_day if notified else None,
    )
    return criteria.assess(unsaved, partnership.nation, facts.get("framework") or None)
