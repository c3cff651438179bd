"""Working Together to Safeguard Children 2018, chapter 4; Children Act 2004 s.16C; the Child
Safeguarding Practice Review and Relevant Agency (England) Regulations 2018."""

from casereview.core.choices import Nation
from casereview.referrals.choices import AbuseOrNeglect, Framework
from casereview.referrals.criteria import england_notification
from casereview.referrals.criteria.base import Unknowns

CODE = Framework.WT2018
TITLE = "Working Together to Safeguard Children 2018, chapter 4"
NATION = Nation.ENGLAND
NOTIFY_WORKING_DAYS = 5  # a serious incident notification to the national panel
DECIDE_WITHIN_A_MONTH = False
RAPID_REVIEW_WORKING_DAYS = 15

UNKNOWNS = Unknowns(
    answers={"abuse_or_neglect": (AbuseOrNeglect.KNOWN, AbuseOrNeglect.NOT_SUSPECTED)}
)


def cite(part: str) -> str:
    return f"(Working Together 2018, ch.4, {part}; Children Act 2004 s.16C)"


RULES = england_notification.rules(cite)
