"""One action's row of a list, written in Python: the template language spent most of a long
list's time resolving each row's dozen variables (ADR 18, action and learning pages)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from casereview.actionplans.selectors import Row
from casereview.core.templatetags.govuk import govuk_date, status_tag

register = template.Library()

SHOWN = 90  # characters of an action's text its row shows
CELL = '<td class="govuk-table__cell">'
ROW = (
    '<tr class="govuk-table__row">'
    f'{CELL}<a class="govuk-link" href="{{href}}">{{text}}</a></td>'
    "{agency}"
    f"{CELL}{{review}}, recommendation {{number}}</td>"
    '<td class="govuk-table__cell app-nowrap">{due}</td>'
    f"{CELL}{{status}}</td>{CELL}{{rating}}</td>{CELL}{{latest}}</td>"
    "</tr>"
)


def shortened(text: str) -> str:
    """The text cut to SHOWN characters, with an ellipsis (Django's truncatechars)."""
    return text if len(text) <= SHOWN else Truncator(text).chars(SHOWN)


@register.simple_tag
def action_row(row: Row, show_agency: bool) -> SafeString:
    """The action (a link to its page), its agency if asked, its review and recommendation,
    when it is due, its status, its rating and the date of its latest update."""
    action = row.action
    recommendation = action.recommendation
    latest = "None"
    if row.latest is not None:
        latest = govuk_date(row.latest.date) or "Date not known"
    return format_html(
        ROW,
        href=reverse("actionplans:action", args=[action.pk]),
        text=shortened(action.text),
        agency=format_html(f"{CELL}{{}}</td>", action.owner_agency.name) if show_agency else "",
        review=recommendation.source_title,
        number=recommendation.number,
        due=action.due_partial or "Not known",
        status=action.get_status_display(),
        rating=status_tag(row.rag, row.rag.capitalize()) if row.rag else "",
        latest=latest,
    )
