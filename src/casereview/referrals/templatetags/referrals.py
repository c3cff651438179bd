from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from casereview.core.choices import label_of
from casereview.core.templatetags.govuk import status_tag
from casereview.referrals import frameworkwords
from casereview.referrals.choices import DecisionOutcome, Outcome

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
    return status_tag(decision.outcome, label_of(DecisionOutcome, decision.outcome))


CELL = '<td class="govuk-table__cell">'
REFERRAL_ROW = (
    '<tr class="govuk-table__row">'
    f'{CELL}<a class="govuk-link app-nowrap" href="{{href}}">{{reference}}</a></td>'
    f"{CELL}{{received}}</td>{CELL}{{referred_by}}</td>{CELL}{{children}}</td>"
    f"{CELL}{{requires}}</td>{CELL}{{decision}}</td>"
    "</tr>"
)


@register.simple_tag
def referral_row(referral: Any) -> SafeString:
    """A referral's row of the register, written in Python (ADR 18): its reference (a link to
    its page), when it was received, the agency that referred it, its children's pseudonyms
    (`pseudonyms`, read for the page: ReferralListView.rows_shown), what the guidance requires
    and the decision."""
    return format_html(
        REFERRAL_ROW,
        href=reverse("referrals:referral", args=[referral.pk]),
        reference=referral.reference,
        received=referral.received_partial,
        referred_by=referral.referred_by.name,
        children=", ".join(referral.pseudonyms),
        requires=status_tag(
            referral.assessed_outcome, label_of(Outcome, referral.assessed_outcome)
        ),
        decision=decision_tag(referral),
    )
