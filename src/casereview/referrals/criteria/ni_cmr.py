"""Case Management Reviews: the Safeguarding Board for Northern Ireland (Membership, Procedure,
Functions and Committee) Regulations (Northern Ireland) 2012, regulation 17, and the Board's
case management review guidance.

Our reading, encoded: the Board's case management review panel must consider a review where a
child has died or been significantly harmed and abuse or neglect is known or suspected; a review
is undertaken where the case also gives cause for concern about how agencies worked together
to safeguard the child. Without such a concern the panel considers it.
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

CODE = Framework.NI_CMR
TITLE = (
    "Case Management Reviews (Safeguarding Board for Northern Ireland Regulations 2012, reg. 17)"
)
NATION = Nation.NORTHERN_IRELAND
NOTIFY_WORKING_DAYS = None
DECIDE_WITHIN_A_MONTH = False
RAPID_REVIEW_WORKING_DAYS = None

UNKNOWNS = Unknowns(
    answers={
        "abuse_or_neglect": (AbuseOrNeglect.KNOWN, AbuseOrNeglect.NOT_SUSPECTED),
        "interagency_concern": (YesNoUnknown.YES, YesNoUnknown.NO),
    }
)


def cite(part: str) -> str:
    return f"(SBNI Regulations 2012, reg. 17{part})"


def not_died_or_seriously_harmed(facts: Facts) -> Finding | None:
    """Regulation 17 applies where a child has died or been significantly harmed."""
    if facts.harm == Harm.OTHER:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (f"The child neither died nor was seriously harmed {cite('')}",),
        )
    return None


def abuse_not_suspected(facts: Facts) -> Finding | None:
    """... and abuse or neglect is known or suspected to be a factor."""
    if not facts.abuse_known_or_suspected:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (f"Abuse or neglect is neither known nor suspected {cite('')}",),
        )
    return None


def concern_about_working_together(facts: Facts) -> Finding | None:
    """A review is undertaken where the case gives cause for concern about how agencies worked
    together to safeguard the child."""
    if facts.interagency_concern == YesNoUnknown.YES:
        return Finding(
            Outcome.REVIEW_REQUIRED,
            (
                f"{abuse_words(facts)} and {harm_words(facts)}, and there is concern about how "
                f"agencies worked together {cite('(2)')}",
            ),
        )
    return None


def consider(facts: Facts) -> Finding:
    return Finding(
        Outcome.CONSIDER_REVIEW,
        (
            f"{abuse_words(facts)} and {harm_words(facts)}; the panel considers a review {cite('(2)')}",
        ),
    )


RULES = [
    not_died_or_seriously_harmed,
    abuse_not_suspected,
    concern_about_working_together,
    consider,
]
