"""Learning reviews: National guidance for child protection committees undertaking learning
reviews (Scottish Government, 2021, updated 2024).

Our reading, encoded: a child protection committee should consider a learning review when a
child has died or been seriously harmed and abuse or neglect is known or suspected, or when
there are serious concerns about how agencies worked together; the committee decides. The
guidance sets no statutory duty to review, so the strongest outcome here is "consider".
"""

from casereview.core.choices import Nation, YesNoUnknown
from casereview.referrals.choices import Framework, Harm, Outcome
from casereview.referrals.criteria.base import (
    Facts,
    Finding,
    Unknowns,
    abuse_words,
    harm_words,
)

CODE = Framework.SCOTLAND_LR
TITLE = (
    "National guidance for child protection committees undertaking learning reviews "
    "(2021, updated 2024)"
)
NATION = Nation.SCOTLAND
NOTIFY_WORKING_DAYS = None
DECIDE_WITHIN_A_MONTH = False
RAPID_REVIEW_WORKING_DAYS = None

UNKNOWNS = Unknowns()


def cite(part: str) -> str:
    return f"(Learning review guidance, Scotland 2021{part})"


def not_died_or_seriously_harmed(facts: Facts) -> Finding | None:
    """A learning review is considered where a child has died or been seriously harmed."""
    if facts.harm == Harm.OTHER:
        return Finding(
            Outcome.CRITERIA_NOT_MET,
            (f"The child neither died nor was seriously harmed {cite('')}",),
        )
    return None


def abuse_or_neglect(facts: Facts) -> Finding | None:
    """... and abuse or neglect is known or suspected to have been a factor."""
    if facts.abuse_known_or_suspected:
        return Finding(
            Outcome.CONSIDER_REVIEW, (f"{abuse_words(facts)} and {harm_words(facts)} {cite('')}",)
        )
    return None


def concern_about_working_together(facts: Facts) -> Finding | None:
    """... or the circumstances raise serious concerns about professional or service involvement."""
    if facts.interagency_concern == YesNoUnknown.YES:
        return Finding(
            Outcome.CONSIDER_REVIEW,
            (
                f"There is concern about how agencies worked together and {harm_words(facts)} {cite('')}",
            ),
        )
    return None


def otherwise(facts: Facts) -> Finding:
    return Finding(
        Outcome.CRITERIA_NOT_MET,
        (
            f"Abuse or neglect is not suspected and there is no concern about how agencies worked together {cite('')}",
        ),
    )


RULES = [not_died_or_seriously_harmed, abuse_or_neglect, concern_about_working_together, otherwise]
