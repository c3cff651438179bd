"""Reviews and the lists under them as items of the exchange format (core/mapping.py). A
review's children, themes and lists are the exchange's to read and write; its publication
(`reviews[].publication`, version 2) is an object of its own facts, null where none is
recorded."""

from typing import Any

from casereview.core.mapping import Field, Kind, RecordMapping
from casereview.reviews.choices import ReviewStatus
from casereview.reviews.models import (
    FamilyContribution,
    LearningPoint,
    ParallelProcess,
    Review,
    ReviewDocument,
)

REVIEW = RecordMapping(
    Review,
    (
        Field("reference", Kind.OPTIONAL_TEXT, schema_extra=(("minLength", 1),)),
        Field("title"),
        Field("type", Kind.CODE),
        Field("methodology", Kind.OPTIONAL_CODE),
        Field("methodology_note", Kind.OPTIONAL_TEXT),
        Field("framework", Kind.OPTIONAL_CODE),
        Field("lead_reviewer", Kind.OPTIONAL_TEXT),
        Field("commissioned", Kind.PARTIAL_DATE),
        Field("signed_off", Kind.OPTIONAL_PARTIAL_DATE),
        Field("published", Kind.OPTIONAL_PARTIAL_DATE),
        Field("status", Kind.CODE),
        Field("summary"),
    ),
)
PUBLICATION = RecordMapping(
    Review,
    (
        Field("sent_to_panel", Kind.OPTIONAL_PARTIAL_DATE),
        Field("decided_not_to_publish", Kind.OPTIONAL_PARTIAL_DATE),
        Field("reason", Kind.OPTIONAL_TEXT, attr="not_published_reason"),
        Field("published_instead", Kind.OPTIONAL_TEXT),
    ),
)
NO_PUBLICATION: dict[str, Any] = dict.fromkeys(PUBLICATION.keys)


def publication_item(review: Review) -> dict[str, Any] | None:
    """The review's publication as the document holds it: null where nothing is recorded."""
    item = PUBLICATION.to_item(review, {})
    return item if item != NO_PUBLICATION else None


def publication_entry(review: Review) -> dict[str, Any]:
    """The review's `publication` key for an export. A review recorded as not published
    without its decision (from before the service asked) leaves the key out: version 2 holds a
    stated "not published" to its date and reason, and the decision is not known, not null."""
    item = publication_item(review)
    if item is None and review.status == ReviewStatus.NOT_PUBLISHED:
        return {}
    return {"publication": item}


def fill_publication(review: Review, item: dict[str, Any] | None) -> None:
    """Set the review's publication from the document's (checked) object; null clears it."""
    PUBLICATION.fill(review, item or NO_PUBLICATION, {})


PARALLEL_PROCESS = RecordMapping(
    ParallelProcess, (Field("kind", Kind.CODE), Field("status", Kind.CODE), Field("note"))
)
FAMILY_CONTRIBUTION = RecordMapping(
    FamilyContribution,
    (
        Field("date", Kind.OPTIONAL_PARTIAL_DATE),
        Field("member"),
        Field(
            "facilitated_by",
            Kind.OPTIONAL_RECORD,
            refers_to="agencies",
            schema_extra=(("description", "An id of the document, or null"),),
        ),
        Field("note"),
    ),
)
DOCUMENT = RecordMapping(
    ReviewDocument,
    (
        Field("kind", Kind.CODE),
        Field("title"),
        Field("url", Kind.OPTIONAL_TEXT),
        Field("published", Kind.OPTIONAL_PARTIAL_DATE),
    ),
)
LEARNING_POINT = RecordMapping(LearningPoint, (Field("text"),))
