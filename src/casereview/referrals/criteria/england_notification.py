"""Serious incident notification and rapid review, as Working Together 2018 (chapter 4) and
2023 (chapter 5) state the duty of the Children Act 2004 s.16C(1): the local authority must
notify the Child Safeguarding Practice Review Panel where it "knows or suspects that a child has
been abused or neglected" and the child "dies or is seriously harmed" in its area; the
safeguarding partners then hold a rapid review and decide whether a local child safeguarding
practice review follows.
"""

from __future__ import annotations

from collections.abc import Callable

from casereview.referrals.choices import Harm, Outcome
from casereview.referrals.criteria.base import (
    Facts,
    Finding,
    Rule,
    abuse_words,
    harm_words,
)

Cite = Callable[[str], str]


def rules(cite: Cite) -> list[Rule]:
    notification = cite("serious incident notification")

    def not_died_or_seriously_harmed(facts: Facts) -> Finding | None:
        """The duty applies where a child "dies or is seriously harmed" (s.16C(1)(b))."""
        if facts.harm == Harm.OTHER:
            return Finding(
                Outcome.CRITERIA_NOT_MET,
                (f"The child neither died nor was seriously harmed {notification}",),
            )
        return None

    def abuse_not_suspected(facts: Facts) -> Finding | None:
        """The duty applies where the local authority "knows or suspects that a child has been
        abused or neglected" (s.16C(1)(a))."""
        if not facts.abuse_known_or_suspected:
            return Finding(
                Outcome.CRITERIA_NOT_MET,
                (f"Abuse or neglect is neither known nor suspected {notification}",),
            )
        return None

    def serious_incident(facts: Facts) -> Finding:
        """Notify the national panel within five working days; hold a rapid review; whether a
        local child safeguarding practice review follows is decided at the rapid review."""
        return Finding(
            Outcome.REVIEW_REQUIRED,
            (
                f"{abuse_words(facts)} and {harm_words(facts)}: notify the Child Safeguarding "
                f"Practice Review Panel and hold a rapid review {notification}",
                "Whether a local child safeguarding practice review follows is decided at the "
                f"rapid review {cite('rapid review')}",
            ),
        )

    return [not_died_or_seriously_harmed, abuse_not_suspected, serious_incident]
