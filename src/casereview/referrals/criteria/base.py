"""The vocabulary every framework shares, and the one way unknown facts are handled.

No Django here but the referrals' TextChoices, value types (ADR 14): their values are the
exchange format's codes (exchange-format.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any

from casereview.core.choices import YesNoUnknown
from casereview.referrals.choices import AbuseOrNeglect, Harm, Outcome

# What a fact the referral does not record yet says: each enumeration's own "unknown".
NOT_KNOWN = frozenset({AbuseOrNeglect.UNKNOWN, YesNoUnknown.UNKNOWN})

# An outcome inside a sentence ("if it is not suspected, the criteria are not met").
OUTCOME_WORDS: dict[str, str] = {
    Outcome.REVIEW_REQUIRED: "a review is required",
    Outcome.CONSIDER_REVIEW: "the partnership should consider a review",
    Outcome.CRITERIA_NOT_MET: "the criteria are not met",
    Outcome.INSUFFICIENT_INFORMATION: "more information is needed",
}


@dataclass(frozen=True)
class Facts:
    """What the referral records, as the criteria need it."""

    harm: str
    abuse_or_neglect: str
    interagency_concern: str = YesNoUnknown.UNKNOWN
    suspected_suicide: bool = False
    death_in_custody: bool = False
    # Any child on a child protection plan or looked after at the time (yes / no / unknown).
    protection_plan_or_looked_after: str = YesNoUnknown.UNKNOWN
    # Any child looked after at the time (yes / no / unknown): a looked-after child's death is
    # notified whatever is suspected.
    looked_after_at_incident: str = YesNoUnknown.UNKNOWN
    aware: dt.date | None = None
    received: dt.date | None = None
    notified: dt.date | None = None

    @property
    def abuse_known_or_suspected(self) -> bool:
        return self.abuse_or_neglect in (AbuseOrNeglect.KNOWN, AbuseOrNeglect.SUSPECTED)

    @property
    def died(self) -> bool:
        return self.harm == Harm.DEATH

    @property
    def died_or_seriously_harmed(self) -> bool:
        return self.harm in (Harm.DEATH, Harm.SERIOUS_HARM)

    @property
    def notifiable(self) -> bool:
        """A serious incident the partnership must notify (spec/criteria.md, Deadlines): death
        or serious harm with abuse or neglect known, suspected or not known yet (the clock runs
        until someone records the answer), or the death of a looked-after child whatever is
        suspected."""
        if not self.died_or_seriously_harmed:
            return False
        if self.abuse_or_neglect != AbuseOrNeglect.NOT_SUSPECTED:
            return True
        return self.died and self.looked_after_at_incident == YesNoUnknown.YES


@dataclass(frozen=True)
class Finding:
    outcome: str
    reasons: tuple[str, ...]


Rule = Callable[[Facts], Finding | None]


def first_finding(rules: Sequence[Rule], facts: Facts, otherwise: Finding) -> Finding:
    """The finding of the first rule that applies, in the order the guidance gives them."""
    for rule in rules:
        if (found := rule(facts)) is not None:
            return found
    return otherwise


@dataclass(frozen=True)
class Unknowns:
    """Which unknown facts a framework's outcome may turn on, and the answers to try."""

    answers: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "abuse_or_neglect": (AbuseOrNeglect.KNOWN, AbuseOrNeglect.NOT_SUSPECTED),
            "interagency_concern": (YesNoUnknown.YES, YesNoUnknown.NO),
        }
    )


FACT_QUESTIONS = {
    "abuse_or_neglect": "whether abuse or neglect is known or suspected",
    "interagency_concern": "whether there is cause for concern about how agencies worked together",
    "protection_plan_or_looked_after": (
        "whether the child was on a child protection plan or looked after"
    ),
}


def with_unknowns_resolved(
    decide: Callable[[Facts], Finding], facts: Facts, unknowns: Unknowns
) -> Finding:
    """Decide; where an unknown fact could change the outcome, say so instead of guessing.

    The guidance turns on facts a referral may not yet record. Each unknown fact is tried with
    each answer it could have: if every answer leads to the same outcome, that is the outcome;
    otherwise the outcome is "more information is needed", and the reasons say what each answer
    would lead to.
    """
    open_facts = [name for name in unknowns.answers if getattr(facts, name) in NOT_KNOWN]
    if not open_facts:
        return decide(facts)
    findings = []
    for answers in product(*(unknowns.answers[name] for name in open_facts)):
        tried: dict[str, Any] = dict(zip(open_facts, answers, strict=True))
        trial = replace(facts, **tried)
        findings.append((answers, decide(trial)))
    outcomes = {finding.outcome for _, finding in findings}
    questions = " and ".join(FACT_QUESTIONS[name] for name in open_facts)
    if len(outcomes) == 1:
        outcome = outcomes.pop()
        # The reasons every answer shares; where they differ, each answer's own.
        shared = [r for r in findings[0][1].reasons if all(r in f.reasons for _, f in findings)]
        if shared:
            reasons = tuple(shared)
        else:
            reasons = tuple(
                f"If {_answers_words(open_facts, answers)}: {finding.reasons[0]}"
                for answers, finding in findings
            )
        unrecorded = (
            f"The referral does not record {questions}; the outcome is the same either way."
        )
        return Finding(outcome, (*reasons, unrecorded))
    alternatives = "; ".join(
        f"if {_answers_words(open_facts, answers)}, {OUTCOME_WORDS[finding.outcome]}"
        for answers, finding in findings
    )
    return Finding(
        Outcome.INSUFFICIENT_INFORMATION,
        (
            f"The referral does not record {questions}, and the outcome turns on it: {alternatives}.",
        ),
    )


def _answers_words(names: list[str], answers: tuple[str, ...]) -> str:
    return " and ".join(_answer_words(n, a) for n, a in zip(names, answers, strict=True))


def _answer_words(name: str, answer: str) -> str:
    yes, no = YesNoUnknown.YES, YesNoUnknown.NO
    words: dict[tuple[str, str], str] = {
        ("abuse_or_neglect", AbuseOrNeglect.KNOWN): "abuse or neglect is known or suspected",
        ("abuse_or_neglect", AbuseOrNeglect.NOT_SUSPECTED): "it is not suspected",
        ("interagency_concern", yes): "there is a concern about how agencies worked together",
        ("interagency_concern", no): "there is no such concern",
        ("protection_plan_or_looked_after", yes): "the child was on a plan or looked after",
        ("protection_plan_or_looked_after", no): "the child was neither",
    }
    return words[(name, answer)]


def abuse_words(facts: Facts) -> str:
    words: dict[str, str] = {
        AbuseOrNeglect.KNOWN: "Abuse or neglect is known",
        AbuseOrNeglect.SUSPECTED: "Abuse or neglect is suspected",
    }
    return words.get(facts.abuse_or_neglect, "Abuse or neglect is known or suspected")


def harm_words(facts: Facts) -> str:
    if facts.died:
        return (
            "the child died by suspected suicide" if facts.suspected_suicide else "the child died"
        )
    return "the child was seriously harmed"
