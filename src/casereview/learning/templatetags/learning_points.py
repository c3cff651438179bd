"""The learning points under a theme, written in Python: learning in common lists hundreds of
them, and the template language spent most of the page's time on their two variables each
(ADR 18, action and learning pages)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from casereview.learning.selectors import PointInCommon

register = template.Library()


@register.simple_tag
def learning_points(points: list[PointInCommon]) -> SafeString:
    """Each point's text, and in grey its review's title."""
    return format_html(
        '<ul class="govuk-list govuk-list--bullet">{}</ul>',
        format_html_join(
            "",
            '<li>{} <span class="govuk-hint govuk-!-display-inline">({})</span></li>',
            ((point.text, point.review_title) for point in points),
        ),
    )
