"""Working Together to Safeguard Children 2010, chapter 8 (Serious Case Reviews)."""

from casereview.core.choices import Nation, YesNoUnknown
from casereview.referrals.choices import Framework, Harm, Outcome
from casereview.referrals.criteria.base import (
    Facts,
    Finding,
    Unknowns,
    abuse_words,
    harm_words,
)

CODE = Framework.WT2010
TITLE = "Working Together to Safeguard Children 2010, chapter 8"
NATION = Nation.ENGLAND
NOTIFY_WORKING_DAYS = None
DECIDE_WITHIN_A_MONTH = False
RAPID_REVIEW_WORKING_DAYS = None

UNKNOWNS = Unknowns()


def cite(paragraph: str) -> str:
    return f"(Working Together 2010, para {paragraph})"


def not_died_or_seriously_harmed(facts: Facts) -> Finding | None:
    """Chapter 8 applies where a child dies or is seriously harmed."""
    if facts.harm == Harm.OTHER:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (f"The child neither died nor was seriously harmed {cite('8.9')}",),
        )
    return None


def died_with_abuse(facts: Facts) -> Finding | None:
    """ "When a child dies (including death by suspected suicide), and abuse or neglect is known
    or suspected to be a factor in the child's death, the LSCB should always conduct an SCR"
    (para 8.9)."""
    if facts.died and facts.abuse_known_or_suspected:
        return Finding(
            Outcome.REVIEW_REQUIRED,
            (f"{abuse_words(facts)} and {harm_words(facts)} {cite('8.9')}",),
        )
    return None


def abuse_not_suspected(facts: Facts) -> Finding | None:
    """Both paragraphs turn on abuse or neglect: a death "where abuse or neglect is known or
    suspected to be a factor" (para 8.9), serious harm "through abuse or neglect" (para 8.10).
    A concern about inter-agency working alone is not enough."""
    if not facts.abuse_known_or_suspected:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (f"Abuse or neglect is neither known nor suspected {cite('8.9 and 8.10')}",),
        )
    return None


def seriously_harmed_without_concern(facts: Facts) -> Finding | None:
    """Serious harm through abuse or neglect, but no concern about how agencies worked
    together: para 8.10 asks for both."""
    if facts.interagency_concern != YesNoUnknown.YES:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (
                f"{abuse_words(facts)} and {harm_words(facts)}, but there is no concern about "
                f"how agencies worked together {cite('8.10')}",
            ),
        )
    return None


def seriously_harmed_with_abuse_and_concern(facts: Facts) -> Finding:
    """ "LSCBs should always consider whether an SCR should be conducted where ... a child
    sustains a potentially life-threatening injury or serious and permanent impairment of
    health and development through abuse or neglect ... and the case gives rise to concerns
    about inter-agency working to protect children from harm" (para 8.10)."""
    return Finding(
        Outcome.CONSIDER_REVIEW,
        (
            f"{abuse_words(facts)} and {harm_words(facts)}, and there is cause for concern about "
            f"how agencies worked together {cite('8.10')}",
        ),
    )


RULES = [
    not_died_or_seriously_harmed,
    died_with_abuse,
    abuse_not_suspected,
    seriously_harmed_without_concern,
    seriously_harmed_with_abuse_and_concern,
]
