"""Reads of the library of published learning: every partnership's published reviews, and of
each only what was published (its learning summary, learning points and themes), through
`restrict()` on reviews.PublishedReview. Never a review's own summary of the case, its
children, its parallel processes or its unpublished documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Count, Q, QuerySet

from casereview.accounts.models import User
from casereview.library.likeness import Learning, most_alike
from casereview.reviews.models import LearningPoint, LearningSummary, PublishedReview, Review
from casereview.reviews.selectors import theme_labels_of
from casereview.search import engine
from casereview.search.choices import Found

CANDIDATES = 200  # the engine's best matches looked at for the words asked
ALIKE_CANDIDATES = 40  # the published reviews sharing most themes, compared by their words too


def published_for(user: User, action: str = "view") -> QuerySet[Any]:
    """Every partnership's published reviews, the latest published first."""
    return (
        PublishedReview.objects.restrict(user, action)
        .select_related("partnership")
        .order_by("-published", "-pk")
    )


def matching(words: str) -> dict[int, int]:
    """The published reviews whose published learning has the words, best match first: the
    search entry of each (for its snippet), by review id."""
    found = engine.matches(
        words, partnerships=None, kinds=[Found.PUBLISHED_LEARNING], limit=CANDIDATES
    )
    return {match.object_id: match.entry_id for match in found}


class BestFirst(Sequence[Any]):
    """The reviews (already filtered) that a search found, best match first, read a page at a
    time: the ranking is the engine's, which no column keeps, so the ids in reach are read
    once and a page's reviews by their ids."""

    def __init__(self, reviews: QuerySet[Any], ranked: list[int]) -> None:
        in_reach = set(reviews.filter(pk__in=ranked).values_list("pk", flat=True))
        self.ids = [pk for pk in ranked if pk in in_reach]
        self.reviews = reviews

    def count(self) -> int:  # type: ignore[override]  # Paginator asks for it by this name
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = {review.pk: review for review in self.reviews.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


def snippets_of(words: str, entries: dict[int, int], reviews: list[Any]) -> dict[int, str]:
    """The words of each review's published learning around what was found, by review id."""
    shown = {entries[review.pk]: review.pk for review in reviews if review.pk in entries}
    return {shown[entry]: text for entry, text in engine.snippets(words, list(shown)).items()}


def themes_of(review_ids: list[int]) -> dict[int, dict[str, str]]:
    """Each review's themes, code to label, in the taxonomy's order: one query of values."""
    themes: dict[int, dict[str, str]] = {}
    tagged = (
        Review.themes.through.objects.filter(review_id__in=review_ids)
        .order_by("theme__group", "theme__label")
        .values_list("review_id", "theme__code", "theme__label")
    )
    for review_id, code, label in tagged:
        themes.setdefault(review_id, {})[code] = label
    return themes


@dataclass(frozen=True)
class PublishedLearning:
    """What the library shows of a published review."""

    summary: LearningSummary | None
    points: list[LearningPoint]
    themes: list[str]
    documents: list[Any]  # its documents with a published copy


def published_learning(review: PublishedReview) -> PublishedLearning:
    return PublishedLearning(
        summary=LearningSummary.objects.filter(review_id=review.pk).first(),
        points=list(review.learning_points.prefetch_related("themes")),
        themes=theme_labels_of([review]).get(review.pk, []),
        documents=list(review.documents.filter(published__isnull=False).exclude(url="")),
    )


def _texts(review_ids: list[int]) -> dict[int, list[str]]:
    """The published learning's words of each review: its learning summary and points."""
    texts: dict[int, list[str]] = {review_id: [] for review_id in review_ids}
    summaries = LearningSummary.objects.filter(review_id__in=review_ids).values_list(
        "review_id", *LearningSummary.TEXT
    )
    for review_id, *parts in summaries:
        texts[review_id] += parts
    points = LearningPoint.objects.filter(review_id__in=review_ids).values_list("review_id", "text")
    for review_id, text in points:
        texts[review_id].append(text)
    return texts


@dataclass(frozen=True)
class LikeThis:
    review: PublishedReview
    shared_themes: list[str]
    of_themes: int  # how many themes the review compared with has


def reviews_like(user: User, review: Review) -> list[LikeThis]:
    """The published reviews most like `review` (which the person may see), by the themes they
    share and the words of their learning: six queries, however many reviews are published."""
    themes = themes_of([review.pk]).get(review.pk, {})
    if not themes:
        return []
    candidates = list(
        published_for(user)
        .exclude(pk=review.pk)
        .filter(themes__code__in=list(themes))
        .annotate(shared=Count("themes", filter=Q(themes__code__in=list(themes))))
        .order_by("-shared", "-published", "-pk")[:ALIKE_CANDIDATES]
    )
    ids = [candidate.pk for candidate in candidates]
    their_themes = themes_of(ids)
    texts = _texts([review.pk, *ids])
    own_text = texts[review.pk] or [review.summary]
    alike = most_alike(
        Learning(review.pk, themes, "\n".join(own_text)),
        [Learning(pk, their_themes.get(pk, {}), "\n".join(texts[pk])) for pk in ids],
    )
    by_id = {candidate.pk: candidate for candidate in candidates}
    return [LikeThis(by_id[found.review_id], found.shared_themes, len(themes)) for found in alike]
