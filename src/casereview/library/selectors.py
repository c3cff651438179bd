"""Reads of the library of published learning: every partnership's published reviews, and of
each only what was published (its learning summary, learning points and themes), through
`restrict()` on reviews.PublishedReview. Never a review's own summary of the case, its
children, its parallel processes or its unpublished documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, When

from casereview.accounts.models import User
from casereview.library.likeness import Alike, Learning, most_alike
from casereview.reviews.models import LearningPoint, LearningSummary, PublishedReview, Review
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


def matching(
    reviews: QuerySet[PublishedReview], words: str
) -> tuple[QuerySet[Any], dict[int, int]]:
    """The reviews whose published learning has the words, best match first, and the search
    entry of each (for its snippet), by review id."""
    found = engine.matches(
        words, partnerships=None, kinds=[Found.PUBLISHED_LEARNING], limit=CANDIDATES
    )
    entries = {match.object_id: match.entry_id for match in found}
    best_first = Case(
        *(When(pk=review_id, then=place) for place, review_id in enumerate(entries)),
        output_field=IntegerField(),
    )
    return reviews.filter(pk__in=list(entries)).order_by(best_first, "-pk"), entries


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
        themes=list(themes_of([review.pk]).get(review.pk, {}).values()),
        documents=list(review.documents.filter(published__isnull=False).exclude(url="")),
    )


def _texts(review_ids: list[int]) -> dict[int, list[str]]:
    """The published learning's words of each review: its learning summary and points."""
    texts: dict[int, list[str]] = {review_id: [] for review_id in review_ids}
    summaries = LearningSummary.objects.filter(review_id__in=review_ids).values_list(
        "review_id", "background", "why_it_matters", "questions", "further_information"
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
    return [_like(by_id[found.review_id], found, len(themes)) for found in alike]


def _like(review: PublishedReview, found: Alike, of_themes: int) -> LikeThis:
    return LikeThis(review=review, shared_themes=found.shared_themes, of_themes=of_themes)
