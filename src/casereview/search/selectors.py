"""A person's search: the engine's best matches in their partnership, then only those whose
records the person may see, each found again through its own kind's `restrict()` (the
selector every page of that kind uses). An entry never shows anything of a record outside
the person's reach: not its title, not a word of its snippet, not that it exists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Q, QuerySet, Value
from django.urls import reverse
from django.utils.safestring import SafeString

from casereview.accounts.models import User
from casereview.actionplans.selectors import actions_for, recommendations_for
from casereview.documents.models import DocumentPage, ReferralPage
from casereview.referrals.selectors import children_for, referrals_for
from casereview.reviews.models import LearningPoint
from casereview.reviews.selectors import reviews_for
from casereview.search import engine
from casereview.search.choices import Found
from casereview.search.highlight import highlighted

CANDIDATES = 200  # the engine's best matches looked at; the first RESULTS in reach are shown
RESULTS = 20
# The best matches looked at first: most people reach most of their partnership's records, so
# the first RESULTS in reach are nearly always among them; if not, the best CANDIDATES are.
FIRST_LOOK = 2 * RESULTS


@dataclass(frozen=True)
class Reach:
    """A kind's records in reach, and where a result of it links: the URL's name and the
    column that gives its argument (its own id, or its review's, or its document's)."""

    records: Callable[[User], QuerySet[Any]]
    url_name: str
    link_by: str = "pk"
    themes: str = ""  # the path to its themes; "" where it has none


def _recommendations(user: User) -> QuerySet[Any]:
    return recommendations_for(user).filter(review__isnull=False)


REACH: dict[str, Reach] = {
    Found.REFERRAL: Reach(referrals_for, "referrals:referral"),
    Found.CHILD: Reach(children_for, "referrals:child"),
    Found.REVIEW: Reach(reviews_for, "reviews:review", themes="themes"),
    Found.LEARNING_POINT: Reach(
        lambda user: LearningPoint.objects.filter(review__in=reviews_for(user)),
        "reviews:review",
        link_by="review_id",
        themes="themes",
    ),
    Found.RECOMMENDATION: Reach(
        _recommendations, "actionplans:review-plan", link_by="review_id", themes="review__themes"
    ),
    Found.ACTION: Reach(actions_for, "actionplans:action"),
    # A page of a document's text is found through its own restrict(): its reach is its
    # document's (DocumentPage.reach and ReferralPage's mirror the review's and the
    # referral's, and the leak test holds each to the document's own page). Checking the
    # documents' selectors as well took a third of the reach check's time.
    Found.REFERRAL_PAGE: Reach(
        lambda user: ReferralPage.objects.restrict(user),
        "documents:referral-document",
        link_by="file__document_id",
    ),
    Found.DOCUMENT_PAGE: Reach(
        lambda user: DocumentPage.objects.restrict(user),
        "documents:document",
        link_by="file__document_id",
        themes="file__document__review__themes",
    ),
}


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    title: str
    href: str
    snippet: SafeString
    year: int | None


def search_for(
    user: User,
    query: str,
    *,
    kinds: list[str] | None = None,
    theme: Any = None,
    years: tuple[int | None, int | None] = (None, None),
) -> list[Result]:
    """The person's results, best first, at most RESULTS of them."""
    membership = user.active_membership
    if membership is None:
        return []
    asked = [kind for kind in (kinds or REACH) if kind in REACH]
    if theme is not None:
        asked = [kind for kind in asked if REACH[kind].themes]
    if not asked:
        return []
    for limit in (FIRST_LOOK, CANDIDATES):
        candidates = engine.matches(
            query,
            partnerships=[membership.partnership_id],
            kinds=asked,
            years=years,
            limit=limit,
        )
        links = _in_reach(user, _by_kind(candidates), theme)
        shown = [match for match in candidates if match.object_id in links[match.kind]]
        if len(shown) >= RESULTS or len(candidates) < limit:
            break  # enough in reach, or nothing more to look at
    shown = shown[:RESULTS]
    words = engine.snippets(query, [match.entry_id for match in shown])
    return [
        Result(
            kind=match.kind,
            kind_label=Found(match.kind).label,
            title=match.title,
            href=reverse(REACH[match.kind].url_name, args=[links[match.kind][match.object_id]]),
            snippet=highlighted(words.get(match.entry_id, "")),
            year=match.year,
        )
        for match in shown
    ]


def _by_kind(candidates: list[engine.Match]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for match in candidates:
        found[match.kind].add(match.object_id)
    return found


def _in_reach(user: User, found: dict[str, set[int]], theme: Any) -> dict[str, dict[int, int]]:
    """Of the records found, by kind, those in the person's reach (with the theme, if one is
    asked for): each one's id, to the id its result links to. Each kind is looked for through
    its own selector, and all of them in one query (a UNION ALL of each kind's)."""
    looks = [_look(user, kind, ids, theme) for kind, ids in found.items()]
    links: dict[str, dict[int, int]] = {kind: {} for kind in found}
    if not looks:
        return links
    rows = looks[0].union(*looks[1:], all=True) if len(looks) > 1 else looks[0]
    for kind, pk, link in rows:
        links[kind][pk] = link
    return links


def _look(user: User, kind: str, ids: set[int], theme: Any) -> QuerySet[Any]:
    reach = REACH[kind]
    records: QuerySet[Any] = reach.records(user).filter(pk__in=ids)
    if theme is not None:
        records = records.filter(Q(**{reach.themes: theme}))
    looked: QuerySet[Any] = (
        records.order_by()
        .annotate(found_kind=Value(kind, output_field=CharField()))
        .values_list("found_kind", "pk", reach.link_by)
        .distinct()
    )
    return looked
