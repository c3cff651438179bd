"""Working Together to Safeguard Children 2013, chapter 4; LSCB Regulations 2006 reg. 5."""

from casereview.core.choices import Nation
from casereview.referrals.choices import AbuseOrNeglect, Framework
from casereview.referrals.criteria import england_lscb
from casereview.referrals.criteria.base import Unknowns

CODE = Framework.WT2013
TITLE = "Working Together to Safeguard Children 2013, chapter 4"
NATION = Nation.ENGLAND
NOTIFY_WORKING_DAYS = 5  # notifying Ofsted and the LSCB of a serious incident
DECIDE_WITHIN_A_MONTH = True
RAPID_REVIEW_WORKING_DAYS = None

# An unknown inter-agency concern is not "definitive evidence" of none: no need to ask.
UNKNOWNS = Unknowns(
    answers={"abuse_or_neglect": (AbuseOrNeglect.KNOWN, AbuseOrNeglect.NOT_SUSPECTED)}
)


def cite(paragraph: str) -> str:
    return f"(Working Together 2013, ch.4 para {paragraph})"


RULES = england_lscb.rules(cite)
