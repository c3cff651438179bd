"""A review's row of the register, written in Python: the template language spent more on a
row's variables than the database did reading them (ADR 18, ADR 22)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from casereview.core.choices import label_of
from casereview.core.templatetags.govuk import status_tag
from casereview.reviews.choices import ReviewStatus, ReviewType
from casereview.reviews.models import Review

register = template.Library()

CELL = '<td class="govuk-table__cell">'
ROW = (
    '<tr class="govuk-table__row">'
    f'{CELL}<a class="govuk-link" href="{{href}}">{{title}}</a></td>'
    f"{CELL}{{type}}</td>{CELL}{{commissioned}}</td>{CELL}{{status}}</td>{CELL}{{themes}}</td>"
    "</tr>"
)


@register.simple_tag
def review_row(review: Review) -> SafeString:
    """The review's title (a link to its page), its type, when it was commissioned, its status
    and its themes (`theme_labels`, read for the page: ReviewListView.rows_shown)."""
    return format_html(
        ROW,
        href=reverse("reviews:review", args=[review.pk]),
        title=review.title,
        type=label_of(ReviewType, review.type),
        commissioned=review.commissioned_partial,
        status=status_tag(review.status, label_of(ReviewStatus, review.status)),
        themes=", ".join(review.theme_labels),
    )
