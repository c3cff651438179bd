"""A review's published documents are checked for identifying details once their text is
read; the review is published only when the newest version of each is clean or each finding
decided; a decision carries forward to the next version; who decided what is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.accounts.models import Partnership
from casereview.core.models import AuditEvent
from casereview.documents.choices import TextState
from casereview.documents.services import store_text
from casereview.publication import services
from casereview.publication.choices import FindingKind, Resolution
from casereview.publication.models import Finding, IdentifyingCheck
from casereview.reviews import services as reviews
from casereview.reviews.choices import DocumentKind, ReviewStatus
from casereview.reviews.models import Review, ReviewDocument
from casereview.testing.records import (
    make_document,
    make_document_file,
    make_read_document_file,
    make_review,
)

pytestmark = pytest.mark.django_db

NAMED = "Child R lived with Mr Jordan Smith, her mother's partner.\n\nThe school was told."
CORRECTED = "Child R lived with her mother's partner.\n\nThe school was told."


@pytest.fixture
def review(partnership: Partnership) -> Review:
    review = make_review(partnership)
    return reviews.sign_off_review(review, signed_off=dt.date(2016, 6, 1), acting_user=None)


@pytest.fixture
def report(review: Review) -> ReviewDocument:
    return make_document(review, kind=DocumentKind.OVERVIEW_REPORT, title="Overview report")


def publish(review: Review, acting_user: Any = None) -> Review:
    return reviews.publish_review(review, published=dt.date(2016, 9, 1), acting_user=acting_user)


def refusal(review: Review) -> str:
    with pytest.raises(ValidationError) as refused:
        publish(review)
    return " ".join(refused.value.message_dict["published"])


def test_a_file_is_checked_as_soon_as_its_text_is_read(
    report: ReviewDocument, django_capture_on_commit_callbacks: Any
) -> None:
    file = make_document_file(report, NAMED)
    assert not IdentifyingCheck.objects.filter(file=file).exists()
    with django_capture_on_commit_callbacks(execute=True):
        store_text(file)
    finding = Finding.objects.get(identifying_check__file=file)
    assert (finding.kind, finding.text, finding.page) == (FindingKind.NAME, "Jordan Smith", 1)
    assert finding.paragraph == 1
    assert "Jordan Smith" in finding.context
    assert finding.resolution == Resolution.OPEN


def test_publishing_waits_for_each_finding_to_be_decided(
    review: Review, report: ReviewDocument, acting_as: Any
) -> None:
    make_read_document_file(report, NAMED)
    said = refusal(review)
    assert "Overview report, version 1: 1 identifying detail not yet marked removed" in said
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED

    finding = Finding.objects.get()
    manager = acting_as("manager")
    with pytest.raises(ValidationError) as no_reason:
        services.decide_finding(finding, resolution=Resolution.ACCEPTABLE, acting_user=manager)
    assert "Say why" in str(no_reason.value)
    services.decide_finding(
        finding,
        resolution=Resolution.ACCEPTABLE,
        reason="His name was given in open court.",
        acting_user=manager,
    )
    finding.refresh_from_db()
    assert finding.resolved_by == manager
    row = AuditEvent.objects.filter(object_type="publication.finding").latest("pk")
    assert row.actor == manager
    assert row.changes["resolution"] == {"before": Resolution.OPEN, "after": Resolution.ACCEPTABLE}
    assert publish(review).status == ReviewStatus.PUBLISHED


def test_words_to_be_removed_hold_publication_until_a_version_without_them(
    review: Review, report: ReviewDocument, acting_as: Any
) -> None:
    make_read_document_file(report, NAMED)
    services.decide_finding(
        Finding.objects.get(), resolution=Resolution.TO_BE_REMOVED, acting_user=acting_as("manager")
    )
    assert "Upload the corrected version" in refusal(review)
    corrected = make_read_document_file(report, CORRECTED)
    assert corrected.version == 2
    assert not Finding.objects.filter(identifying_check__file=corrected).exists()
    assert publish(review).status == ReviewStatus.PUBLISHED


def test_a_decision_carries_forward_and_words_not_removed_are_found_again(
    report: ReviewDocument, acting_as: Any
) -> None:
    first = make_read_document_file(report, NAMED + "\n\nMr Priya Patel chaired the meeting.")
    manager = acting_as("manager")
    by_text = {f.text: f for f in Finding.objects.filter(identifying_check__file=first)}
    services.decide_finding(
        by_text["Jordan Smith"], resolution=Resolution.TO_BE_REMOVED, acting_user=manager
    )
    services.decide_finding(
        by_text["Priya Patel"],
        resolution=Resolution.ACCEPTABLE,
        reason="The independent chair, named in the report by agreement.",
        acting_user=manager,
    )
    second = make_read_document_file(report, NAMED + "\n\nMr Priya Patel chaired the meeting.")
    again = {f.text: f for f in Finding.objects.filter(identifying_check__file=second)}
    assert again["Priya Patel"].resolution == Resolution.ACCEPTABLE
    assert again["Priya Patel"].resolved_by == manager
    assert again["Priya Patel"].carried_from == by_text["Priya Patel"]
    assert again["Jordan Smith"].resolution == Resolution.OPEN
    assert again["Jordan Smith"].carried_from == by_text["Jordan Smith"]


def test_a_version_not_yet_read_or_unreadable_holds_publication(
    review: Review, report: ReviewDocument
) -> None:
    file = make_document_file(report, CORRECTED)
    assert "has not yet been checked" in refusal(review)
    store_text(file)
    file.text_state = TextState.UNREADABLE
    file.save()
    assert "cannot be checked" in refusal(review)


def test_documents_the_partnership_does_not_publish_do_not_hold_it(review: Review) -> None:
    chronology = make_document(review, kind=DocumentKind.OTHER, title="Combined chronology")
    make_read_document_file(chronology, NAMED)
    assert Finding.objects.count() == 1
    assert publish(review).status == ReviewStatus.PUBLISHED


def test_names_the_partnership_accepts_are_not_found(
    review: Review, report: ReviewDocument, acting_as: Any
) -> None:
    services.add_acceptable_name(
        review.partnership, "Jordan  Smith", acting_user=acting_as("manager")
    )
    with pytest.raises(ValidationError):
        services.add_acceptable_name(review.partnership, "jordan smith", acting_user=None)
    file = make_read_document_file(report, NAMED)
    assert not Finding.objects.filter(identifying_check__file=file).exists()
    assert "Jordan Smith" in file.identifying_check.allowed


def test_deciding_is_for_who_may_publish(report: ReviewDocument, acting_as: Any) -> None:
    make_read_document_file(report, NAMED)
    finding = Finding.objects.get()
    with pytest.raises(PermissionDenied):
        services.decide_finding(
            finding, resolution=Resolution.TO_BE_REMOVED, acting_user=acting_as("reviewer")
        )
    assert Finding.objects.get().resolution == Resolution.OPEN


def test_one_decision_covers_the_same_words_wherever_they_are_in_the_version(
    report: ReviewDocument, acting_as: Any
) -> None:
    text = f"{NAMED}\fMr Jordan Smith moved out.\fMrs Priya Patel, a neighbour, called."
    file = make_read_document_file(report, text)
    jordan = Finding.objects.filter(identifying_check__file=file, text="Jordan Smith")
    assert jordan.count() == 2
    decided = services.decide_finding(
        jordan[0], resolution=Resolution.TO_BE_REMOVED, acting_user=acting_as("manager")
    )
    assert [f.page for f in decided] == [1, 2]
    assert set(jordan.values_list("resolution", flat=True)) == {Resolution.TO_BE_REMOVED}
    patel = Finding.objects.get(identifying_check__file=file, text="Priya Patel")
    assert patel.resolution == Resolution.OPEN
    rows = AuditEvent.objects.filter(object_type="publication.finding", actor__isnull=False)
    assert rows.count() == 2


def test_the_check_runs_though_search_fails_to_index_the_file(
    report: ReviewDocument,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from casereview.search import indexing

    def broken(record: Any) -> None:
        raise RuntimeError("the search index is unavailable")

    monkeypatch.setattr(indexing, "index_record", broken)
    file = make_document_file(report, NAMED)
    with django_capture_on_commit_callbacks(execute=True):
        store_text(file)
    assert Finding.objects.filter(identifying_check__file=file).count() == 1
    assert "the search index is unavailable" in caplog.text
