"""The pages before publication, as the business manager and others use them: a version's
findings, a decision on one, the names accepted, and themes suggested from the text."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from casereview.accounts.models import Partnership
from casereview.publication import services as publication
from casereview.publication.choices import Resolution, SuggestionDecision
from casereview.publication.models import AcceptableName, Finding, ThemeSuggestion
from casereview.reviews import services as reviews
from casereview.reviews.choices import DocumentKind
from casereview.reviews.models import ReviewDocument
from casereview.testing.forms import opened
from casereview.testing.records import (
    make_document,
    make_read_document_file,
    make_review,
    make_theme_suggestion,
)

pytestmark = pytest.mark.django_db

NAMED = "Child R lived with Mr Jordan Smith, her mother's partner."


@pytest.fixture
def report(partnership: Partnership) -> ReviewDocument:
    review = make_review(partnership)
    return make_document(review, kind=DocumentKind.OVERVIEW_REPORT, title="Overview report")


def test_the_review_and_document_pages_say_where_the_check_stands(
    report: ReviewDocument, client_as: Any
) -> None:
    file = make_read_document_file(report, NAMED)
    client = client_as("manager")
    review_page = client.get(reverse("reviews:review", args=[report.review_id])).content.decode()
    assert "Before publication" in review_page
    assert "Overview report, version 1" in review_page
    assert "1 finding, 1 not yet decided" in review_page
    document_page = client.get(reverse("documents:document", args=[report.pk])).content.decode()
    assert reverse("publication:check", args=[file.pk]) in document_page
    assert "1 finding, 1 not yet decided" in document_page


def test_the_manager_sees_a_finding_in_its_words_and_decides_it(
    report: ReviewDocument, client_as: Any
) -> None:
    file = make_read_document_file(report, NAMED)
    finding = Finding.objects.get()
    client = client_as("manager")
    page = client.get(reverse("publication:check", args=[file.pk])).content.decode()
    assert "Jordan Smith" in page
    assert "Page 1, paragraph 1" in page
    assert "Not yet decided" in page

    url = reverse("publication:finding", args=[finding.pk])
    mistaken = client.post(url, opened(client, url, resolution=Resolution.ACCEPTABLE))
    assert mistaken.status_code == 400
    assert "Say why the words are acceptable" in mistaken.content.decode()

    sent = opened(client, url, resolution=Resolution.ACCEPTABLE, reason="Named in court.")
    response = client.post(url, sent)
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.resolution, finding.reason) == (Resolution.ACCEPTABLE, "Named in court.")
    page = client.get(response["Location"]).content.decode()
    assert "Acceptable: Named in court." in page


def test_a_stale_decision_does_not_overwrite_another(
    report: ReviewDocument, client_as: Any
) -> None:
    make_read_document_file(report, NAMED)
    finding = Finding.objects.get()
    url = reverse("publication:finding", args=[finding.pk])
    manager, member = client_as("manager"), client_as("panel_member")
    theirs = opened(member, url, resolution=Resolution.TO_BE_REMOVED)
    mine = opened(manager, url, resolution=Resolution.ACCEPTABLE, reason="A public figure.")
    assert manager.post(url, mine).status_code == 302
    assert member.post(url, theirs).status_code == 409
    finding.refresh_from_db()
    assert finding.resolution == Resolution.ACCEPTABLE


def test_a_name_is_accepted_and_taken_off_again(partnership: Partnership, client_as: Any) -> None:
    client = client_as("manager")
    url = reverse("publication:acceptable-names")
    assert client.post(url, {"name": "Dr Ada Lovelace"}).status_code == 302
    assert "Dr Ada Lovelace" in client.get(url).content.decode()
    duplicate = client.post(url, {"name": "dr ada lovelace"})
    assert duplicate.status_code == 400
    assert "already on the list" in duplicate.content.decode()
    name = AcceptableName.objects.get()
    remove = reverse("publication:remove-acceptable-name", args=[name.pk])
    assert "Remove Dr Ada Lovelace" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not AcceptableName.objects.exists()


def test_an_accepted_theme_becomes_the_reviews_and_a_rejected_one_is_not_suggested_again(
    partnership: Partnership, client_as: Any
) -> None:
    review = make_review(partnership)
    assert list(review.themes.values_list("code", flat=True)) == ["neglect"]
    accepted = make_theme_suggestion(review, "domestic_abuse")
    rejected = make_theme_suggestion(review, "sudi")
    client = client_as("panel_member")
    page = client.get(reverse("publication:suggested-themes", args=[review.pk])).content.decode()
    assert "Domestic abuse" in page and "An invented sentence that supports it." in page

    for suggestion, answer in ((accepted, "accept"), (rejected, "reject")):
        decide = reverse("publication:decide-suggestion", args=[suggestion.pk])
        assert client.post(decide, {"accept": answer}).status_code == 302
    assert set(review.themes.values_list("code", flat=True)) == {"neglect", "domestic_abuse"}
    assert ThemeSuggestion.objects.get(pk=rejected.pk).decision == SuggestionDecision.REJECTED

    reviews.change_review(
        review,
        acting_user=None,
        summary="The baby co-slept with Mother on a sofa after she had been drinking. "
        "Unsafe sleep advice had been given by the health visitor but not revisited.",
    )
    client.post(reverse("publication:suggested-themes", args=[review.pk]))
    codes = set(
        ThemeSuggestion.objects.filter(review=review).values_list("theme__code", "decision")
    )
    assert ("parental_substance_misuse", SuggestionDecision.SUGGESTED) in codes
    assert ("sudi", SuggestionDecision.REJECTED) in codes
    assert ("sudi", SuggestionDecision.SUGGESTED) not in codes
    page = client.get(reverse("publication:suggested-themes", args=[review.pk])).content.decode()
    assert "co-slept with Mother on a sofa after she had been drinking" in page


def test_suggested_themes_count_in_learning_in_common_only_once_accepted(
    partnership: Partnership, client_as: Any
) -> None:
    review = make_review(partnership)
    suggestion = make_theme_suggestion(review, "domestic_abuse")
    client = client_as("manager")

    def counted() -> str:
        return client.get(reverse("learning:in-common")).content.decode()

    assert "Domestic abuse" not in counted()
    publication.decide_suggestion(suggestion, accept=True, acting_user=None)
    assert "Domestic abuse" in counted()


def test_after_a_name_is_accepted_the_version_is_checked_again_without_it(
    report: ReviewDocument, client_as: Any
) -> None:
    file = make_read_document_file(report, NAMED)
    check_page = reverse("publication:check", args=[file.pk])
    reviewer = client_as("reviewer")
    assert "Check this version again" not in reviewer.get(check_page).content.decode()
    assert reviewer.post(check_page).status_code == 403

    client = client_as("manager")
    client.post(reverse("publication:acceptable-names"), {"name": "Jordan Smith"})
    assert Finding.objects.filter(identifying_check__file=file).count() == 1
    response = client.post(check_page, follow=True)
    assert "Checked again: no identifying details." in response.content.decode()
    assert not Finding.objects.filter(identifying_check__file=file).exists()
