"""The Serious Case Review criteria of the Local Safeguarding Children Boards Regulations 2006,
regulation 5, as Working Together 2013 and 2015 state them in chapter 4, paragraph 18.

Each edition's module names itself; the rules are the same regulation, so they live here once.
"""

from __future__ import annotations

from collections.abc import Callable

from casereview.core.choices import YesNoUnknown
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
    def died_in_custody(facts: Facts) -> Finding | None:
        """ "an SCR should always be carried out when a child dies in custody, in police custody,
        on remand or following sentencing, in a Young Offender Institution, in a secure training
        centre or a secure children's home. The same applies where a child dies who was detained
        under the Mental Health Act 1983" (para 18)."""
        if facts.death_in_custody:
            return Finding(
                Outcome.REVIEW_REQUIRED,
                (
                    f"The child died in custody or detained: a review is always required {cite('18')}",
                ),
            )
        return None

    def not_died_or_seriously_harmed(facts: Facts) -> Finding | None:
        """The criteria apply only where "a child dies" or "a child is seriously harmed"."""
        if facts.harm == Harm.OTHER:
            return Finding(
                Outcome.CRITERIA_NOT_MET,
                (f"The child neither died nor was seriously harmed {cite('18')}",),
            )
        return None

    def seriously_harmed_without_concern(facts: Facts) -> Finding | None:
        """ "unless there is definitive evidence that there are no concerns about interagency
        working, the LSCB must commission an SCR" (Working Together, the chapter on serious case
        reviews). Only a recorded "no" is that
        evidence; an unknown concern is not."""
        if facts.harm == Harm.SERIOUS_HARM and facts.interagency_concern == YesNoUnknown.NO:
            return Finding(
                Outcome.CRITERIA_NOT_MET,
                (
                    "The child was seriously harmed, but there is definitive evidence of no "
                    f"concern about how agencies worked together {cite('18')}",
                ),
            )
        return None

    def abuse_not_suspected(facts: Facts) -> Finding | None:
        """A review is required "for every case where abuse or neglect is known or suspected"."""
        if not facts.abuse_known_or_suspected:
            return Finding(
                Outcome.CRITERIA_NOT_MET,
                (f"Abuse or neglect is neither known nor suspected {cite('18')}",),
            )
        return None

    def died_or_seriously_harmed_with_abuse(facts: Facts) -> Finding | None:
        """ "abuse or neglect of a child is known or suspected; and either (i) the child has died;
        or (ii) the child has been seriously harmed and there is cause for concern as to the way
        in which the authority, their Board partners or other relevant persons have worked
        together to safeguard the child" (reg. 5(2)). Suspected suicide is included."""
        return Finding(
            Outcome.REVIEW_REQUIRED, (f"{abuse_words(facts)} and {harm_words(facts)} {cite('18')}",)
        )

    return [
        died_in_custody,
        not_died_or_seriously_harmed,
        seriously_harmed_without_concern,
        abuse_not_suspected,
        died_or_seriously_harmed_with_abuse,
    ]
