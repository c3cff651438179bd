"""Search entries kept in step with the records: one entry for each referral, child, review,
learning point, recommendation and agency action, and one for each page of a document's file;
and for the library, one for each published review's published learning.

Each write through core.writes sends core.signals.record_written once committed; this finds
the record's entry and writes it again. An import (core.signals.records_replaced) writes a
partnership's entries again whole, as does `casereview search_index`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import OuterRef, Subquery

from casereview.actionplans.models import AgencyAction, Recommendation
from casereview.documents.models import DocumentFile, KeptFile, ReferralFile
from casereview.referrals.models import Child, Referral
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import LearningPoint, LearningSummary, Review
from casereview.search.choices import Found
from casereview.search.models import SearchEntry

log = logging.getLogger(__name__)
TITLE = SearchEntry._meta.get_field("title").max_length or 300
BATCH = 1000


def _year(value: Any) -> int | None:
    return value.year if value is not None else None


def _entry(
    partnership_id: int, kind: str, pk: int, title: str, body: str, year: Any, part: int = 0
) -> SearchEntry:
    return SearchEntry(
        partnership_id=partnership_id,
        kind=kind,
        object_id=pk,
        part=part,
        title=" ".join(title.split())[:TITLE],
        body=body,
        year=year,
    )


def referral_entries(referral: Referral) -> list[SearchEntry]:
    return [
        _entry(
            referral.partnership_id,
            Found.REFERRAL,
            referral.pk,
            referral.reference,
            referral.summary,
            _year(referral.received),
        )
    ]


def child_entries(child: Child) -> list[SearchEntry]:
    return [_entry(child.partnership_id, Found.CHILD, child.pk, child.pseudonym, "", None)]


def review_entries(review: Review) -> list[SearchEntry]:
    return [
        _entry(
            review.partnership_id,
            Found.REVIEW,
            review.pk,
            review.title,
            review.summary,
            _year(review.commissioned),
        ),
        *published_learning_entries(review),
    ]


def published_learning_entries(review: Review) -> list[SearchEntry]:
    """What the library searches of a published review: what was published of its learning
    (its learning summary, learning points and themes), never its own summary of the case."""
    if review.status != ReviewStatus.PUBLISHED:
        return []
    summary = getattr(review, "learning_summary", None)
    words = [
        *(summary.texts() if summary is not None else []),
        *(point.text for point in review.learning_points.all()),
        *(theme.label for theme in review.themes.all()),
    ]
    return [
        _entry(
            review.partnership_id,
            Found.PUBLISHED_LEARNING,
            review.pk,
            review.title,
            "\n".join(word for word in words if word),
            _year(review.published),
        )
    ]


def learning_point_entries(point: LearningPoint) -> list[SearchEntry]:
    review = point.review
    return [
        _entry(
            review.partnership_id,
            Found.LEARNING_POINT,
            point.pk,
            f"Learning point, {review.title}",
            point.text,
            _year(review.commissioned),
        )
    ]


def recommendation_entries(recommendation: Recommendation) -> list[SearchEntry]:
    return [
        _entry(
            recommendation.partnership_id,
            Found.RECOMMENDATION,
            recommendation.pk,
            f"Recommendation {recommendation.number}, {recommendation.source_title}",
            recommendation.text,
            _year(recommendation.review.commissioned) if recommendation.review else None,
        )
    ]


def action_entries(action: AgencyAction) -> list[SearchEntry]:
    return [
        _entry(
            action.partnership_id,
            Found.ACTION,
            action.pk,
            action.text[:120],
            action.text,
            _year(action.due),
        )
    ]


# What each kind of kept file's pages are searched as.
PAGES_OF: dict[type[KeptFile], str] = {
    DocumentFile: Found.DOCUMENT_PAGE,
    ReferralFile: Found.REFERRAL_PAGE,
}


def file_entries(file: KeptFile) -> list[SearchEntry]:
    """A document's pages, for its newest file only: an earlier version is not searched."""
    newest = file.document.files.order_by("-version").values_list("pk", flat=True).first()
    return _page_entries(file) if newest == file.pk else []


def _page_entries(file: KeptFile) -> list[SearchEntry]:
    """A file's pages: a review document's, dated by its review's commissioning; a referral
    document's, by the referral's receipt."""
    document = file.document
    if isinstance(file, ReferralFile):
        year = _year(document.referral.received)
    else:
        year = _year(document.review.commissioned)
    return [
        _entry(
            page.partnership_id,
            PAGES_OF[type(file)],
            page.pk,
            f"{document.title}, page {page.number}",
            page.text,
            year,
            part=page.number,
        )
        for page in file.pages.all()
    ]


@dataclass(frozen=True)
class Indexed:
    """How a kind of record is searched: how its entries are made, and which entries (kind,
    object id) a write of it replaces, even when it now makes none (a review no longer
    published)."""

    entries_of: Callable[[Any], list[SearchEntry]]
    replaces: Callable[[Any], list[tuple[str, int]]]


def _its_own(kind: str) -> Callable[[Any], list[tuple[str, int]]]:
    return lambda record: [(kind, record.pk)]


INDEXED: dict[type[models.Model], Indexed] = {
    Referral: Indexed(referral_entries, _its_own(Found.REFERRAL)),
    Child: Indexed(child_entries, _its_own(Found.CHILD)),
    Review: Indexed(
        review_entries,
        lambda review: [(Found.REVIEW, review.pk), (Found.PUBLISHED_LEARNING, review.pk)],
    ),
    # A learning point, and a learning summary, are also their published review's learning.
    LearningPoint: Indexed(
        lambda point: [*learning_point_entries(point), *published_learning_entries(point.review)],
        lambda point: [
            (Found.LEARNING_POINT, point.pk),
            (Found.PUBLISHED_LEARNING, point.review_id),
        ],
    ),
    LearningSummary: Indexed(
        lambda summary: published_learning_entries(summary.review),
        lambda summary: [(Found.PUBLISHED_LEARNING, summary.review_id)],
    ),
    Recommendation: Indexed(recommendation_entries, _its_own(Found.RECOMMENDATION)),
    AgencyAction: Indexed(action_entries, _its_own(Found.ACTION)),
}


def index_record(record: models.Model) -> None:
    """Write the record's entries again (a document's file: its document's pages)."""
    if isinstance(record, KeptFile):
        pages = record.page_model.objects.filter(file__document=record.document_id)
        with transaction.atomic():
            SearchEntry.objects.filter(
                kind=PAGES_OF[type(record)], object_id__in=pages.values("pk")
            ).delete()
            SearchEntry.objects.bulk_create(file_entries(record))
        return
    indexed = INDEXED.get(type(record))
    if indexed is None:
        return
    with transaction.atomic():
        for kind, object_id in indexed.replaces(record):
            SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
        SearchEntry.objects.bulk_create(indexed.entries_of(record))


def _all_entries(partnership_id: int) -> Iterator[SearchEntry]:
    within = {"partnership_id": partnership_id}
    yield from _each(Referral.objects.filter(**within), referral_entries)
    yield from _each(Child.objects.filter(**within), child_entries)
    reviews = Review.objects.filter(**within).prefetch_related(
        "learning_summary", "learning_points", "themes"
    )
    yield from _each(reviews, review_entries)
    points = LearningPoint.objects.filter(review__partnership_id=partnership_id).select_related(
        "review"
    )
    yield from _each(points, learning_point_entries)
    recommendations = Recommendation.objects.filter(**within).select_related(
        "review", "national_review"
    )
    yield from _each(recommendations, recommendation_entries)
    yield from _each(AgencyAction.objects.filter(**within), action_entries)
    # Each document's newest file with its pages: two queries a kind, not two for every file.
    for model, part in ((DocumentFile, "document__review"), (ReferralFile, "document__referral")):
        newest = model.objects.filter(document=OuterRef("document")).order_by("-version")
        files = (
            model.objects.filter(**within, pk=Subquery(newest.values("pk")[:1]))
            .select_related(part)
            .prefetch_related("pages")
        )
        yield from _each(files, _page_entries)


def _each(
    records: Iterable[Any], entries_of: Callable[[Any], list[SearchEntry]]
) -> Iterator[SearchEntry]:
    for record in records:
        yield from entries_of(record)


def reindex_partnership(partnership_id: int) -> int:
    """Write all of a partnership's entries again; how many there are."""
    written = 0
    with transaction.atomic():
        SearchEntry.objects.filter(partnership_id=partnership_id).delete()
        batch: list[SearchEntry] = []
        for entry in _all_entries(partnership_id):
            batch.append(entry)
            if len(batch) == BATCH:
                written += len(SearchEntry.objects.bulk_create(batch))
                batch = []
        written += len(SearchEntry.objects.bulk_create(batch))
    return written


def on_record_written(sender: Any, record: models.Model, **kwargs: Any) -> None:
    index_record(record)


def on_records_replaced(sender: Any, partnership_id: int, **kwargs: Any) -> None:
    reindex_partnership(partnership_id)
