from typing import Any

from django import template
from django.utils.safestring import SafeString

from casereview.core.templatetags.govuk import status_tag
from casereview.referrals import frameworkwords
from casereview.referrals.choices import Outcome

register = template.Library()


@register.filter
def outcome_words(code: str) -> str:
    """The label of a criteria outcome code: "review_required" -> "Review required"."""
    return Outcome(code).label if code in Outcome.values else code


@register.simple_tag
def framework_words(framework: str | None) -> frameworkwords.Words:
    """{% framework_words referral.assessed_framework as words %}: the words of the framework
    that applies ({{ words.panel }}, {{ words.contested_decision }})."""
    return frameworkwords.words(framework)


@register.filter
def response_words(words: frameworkwords.Words, code: str) -> str:
    """{{ words|response_words:submission.response }}: the Panel's response in those words."""
    return words.response(code)


@register.simple_tag
def decision_tag(referral: Any) -> SafeString:
    """The referral's decision as a coloured tag, or "Awaiting decision" without one: one tag
    per row of a register, where an include per row cost more than the row. Given the referral,
    not `referral.decision`, which the template language would look up at a cost where there
    is none."""
    decision = getattr(referral, "decision", None)
    if not decision:
        return status_tag("pending", "Awaiting decision")
    return status_tag(decision.outcome, decision.get_outcome_display())
