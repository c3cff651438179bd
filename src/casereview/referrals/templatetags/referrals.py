from django import template

from casereview.referrals.choices import Outcome

register = template.Library()


@register.filter
def outcome_words(code: str) -> str:
    """The label of a criteria outcome code: "review_required" -> "Review required"."""
    return Outcome(code).label if code in Outcome.values else code
