"""A snippet as HTML: its text escaped, the words found in <mark>."""

from __future__ import annotations

import html

from django.utils.safestring import SafeString, mark_safe

from casereview.search.engine import MARK_END, MARK_START


def highlighted(snippet: str) -> SafeString:
    escaped = html.escape(" ".join(snippet.split()))
    marked = escaped.replace(MARK_START, '<mark class="app-search-mark">').replace(
        MARK_END, "</mark>"
    )
    return mark_safe(marked)  # noqa: S308 (escaped above; only our own marks are added)
