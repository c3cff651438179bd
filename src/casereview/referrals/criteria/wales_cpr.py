"""Child Practice Reviews: the Safeguarding Boards (Functions and Procedures) (Wales)
Regulations 2015, regulation 4, and the Welsh Government's guidance on child practice reviews.

Our reading, encoded: where abuse or neglect of a child is known or suspected and the child has
died or been seriously harmed (a potentially life-threatening injury, or serious and permanent
impairment of health or development), the Board must undertake a child practice review: a
*concise* review where the child was neither on the child protection register nor looked after
in the six months before, an *extended* review where the child was. The exchange format records
whether the child was on a plan or looked after at the time of the incident, which is what we
test.
"""

from casereview.core.choices import Nation, YesNoUnknown
from casereview.referrals.choices import AbuseOrNeglect, Framework, Harm, Outcome
from casereview.referrals.criteria.base import (
    Facts,
    Finding,
    Unknowns,
    abuse_words,
    harm_words,
)

CODE = Framework.WALES_CPR
TITLE = (
    "Child Practice Reviews (Safeguarding Boards (Functions and Procedures) (Wales) "
    "Regulations 2015)"
)
NATION = Nation.WALES
NOTIFY_WORKING_DAYS = None
DECIDE_WITHIN_A_MONTH = False
RAPID_REVIEW_WORKING_DAYS = None

UNKNOWNS = Unknowns(
    answers={
        "abuse_or_neglect": (AbuseOrNeglect.KNOWN, AbuseOrNeglect.NOT_SUSPECTED),
        "protection_plan_or_looked_after": (YesNoUnknown.YES, YesNoUnknown.NO),
    }
)


def cite(part: str) -> str:
    return f"(Wales Regulations 2015, reg. 4{part})"


def not_died_or_seriously_harmed(facts: Facts) -> Finding | None:
    """Regulation 4 applies where the child has died or been seriously harmed."""
    if facts.harm == Harm.OTHER:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (f"The child neither died nor was seriously harmed {cite('')}",),
        )
    return None


def abuse_not_suspected(facts: Facts) -> Finding | None:
    """Regulation 4 applies where abuse or neglect of a child is known or suspected."""
    if not facts.abuse_known_or_suspected:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (f"Abuse or neglect is neither known nor suspected {cite('')}",),
        )
    return None


def extended_review(facts: Facts) -> Finding | None:
    """An extended child practice review where the child was on the child protection register
    or looked after on any date in the six months before the incident (reg. 4(3))."""
    if facts.protection_plan_or_looked_after == YesNoUnknown.YES:
        return Finding(
            Outcome.REVIEW_REQUIRED,
            (
                f"{abuse_words(facts)} and {harm_words(facts)}, and the child was on the child "
                f"protection register or looked after: an extended child practice review {cite('(3)')}",
            ),
        )
    return None


def concise_review(facts: Facts) -> Finding:
    """A concise child practice review where the child was neither (reg. 4(2))."""
    return Finding(
        Outcome.REVIEW_REQUIRED,
        (
            f"{abuse_words(facts)} and {harm_words(facts)}, and the child was neither on the "
            f"child protection register nor looked after: a concise child practice review {cite('(2)')}",
        ),
    )


RULES = [not_died_or_seriously_harmed, abuse_not_suspected, extended_review, concise_review]
