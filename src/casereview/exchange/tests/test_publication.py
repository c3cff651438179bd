"""A review's publication in the exchange (exchange-format.md, version 2: reviews[].publication):
the export writes it, the import reads it back changing nothing, a review not published
without the date and reason of the decision is refused in the pages' words, and a document
made before the key existed leaves the publication as recorded."""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from casereview.accounts.choices import Role
from casereview.accounts.models import Membership, Partnership, User
from casereview.exchange.generator import generated_document
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, preview_import
from casereview.exchange.spreadsheet import document_of, workbook_of
from casereview.exchange.tests.helpers import without_computed
from casereview.reports.services import write_report
from casereview.reviews.models import Review
from casereview.testing.fixtures import signed_in

pytestmark = pytest.mark.django_db

CODE = "PUB"
NOT_PUBLISHED = {
    "sent_to_panel": None,
    "decided_not_to_publish": "2019-10",
    "reason": "Publication would identify the child's siblings.",
    "published_instead": "A learning summary.",
}
SENT = {
    "sent_to_panel": "2019-10-01",
    "decided_not_to_publish": None,
    "reason": None,
    "published_instead": None,
}


def document() -> dict[str, Any]:
    """Two reviews signed off in 2019: one not published, one published after its final
    report was sent; the rest as generated."""
    found = generated_document(seed=4, code=CODE, referrals=3, reviews=3)
    first, second = found["reviews"][0], found["reviews"][1]
    for review in (first, second):
        review.update(commissioned="2019-01-07", signed_off="2019-09-02", framework="wt2018")
        review["parallel_processes"] = []
    first.update(status="not_published", published=None, publication=NOT_PUBLISHED)
    second.update(status="published", published="2019-10-14", publication=SENT)
    return found


def test_the_publication_round_trips_and_importing_the_export_changes_nothing() -> None:
    doc = document()
    import_document(doc)
    partnership = Partnership.objects.get(code=CODE)
    exported = export_document(partnership)
    assert without_computed(exported)["reviews"] == doc["reviews"]
    review = Review.objects.get(partnership=partnership, external_key=doc["reviews"][0]["id"])
    assert review.decided_not_to_publish_partial is not None
    assert review.decided_not_to_publish_partial.display() == "October 2019"
    assert review.published_instead == "A learning summary."
    assert not preview_import(copy.deepcopy(exported)).changes_anything
    import_document(exported)
    assert export_document(partnership) == exported


def test_a_changed_publication_is_named_in_the_import_preview() -> None:
    doc = document()
    import_document(doc)
    doc["reviews"][1]["publication"] = {**SENT, "sent_to_panel": "2019-10-03"}
    changes = preview_import(doc).changes_named()
    assert any("date the final report was sent 3 Oct 2019" in line for line in changes), changes


@pytest.mark.parametrize(
    ("publication", "message"),
    [
        (None, "Enter the date the partnership decided not to publish the review"),
        ({**NOT_PUBLISHED, "reason": None}, "Enter why the review will not be published"),
    ],
)
def test_a_review_not_published_without_its_decision_is_refused(
    publication: dict[str, Any] | None, message: str
) -> None:
    doc = document()
    doc["reviews"][0]["publication"] = publication
    with pytest.raises(DocumentRejected) as rejected:
        import_document(doc)
    found = [(p.parts, p.message) for p in rejected.value.problems]
    assert any(parts[:3] == ("reviews", 0, "publication") and m == message for parts, m in found)


def test_a_document_without_the_key_leaves_the_publication_as_it_is() -> None:
    doc = document()
    import_document(doc)
    partnership = Partnership.objects.get(code=CODE)
    before = export_document(partnership)
    doc["reviews"][1].pop("publication")
    assert not preview_import(copy.deepcopy(doc)).changes_anything
    new = copy.deepcopy(doc["reviews"][2])
    new.update(id="review-new", reference=None, status="active", signed_off=None, published=None)
    new.pop("publication")
    new["recommendations"] = []
    doc["reviews"].append(new)
    import_document(doc)
    after = export_document(partnership)
    assert after["reviews"][1]["publication"] == before["reviews"][1]["publication"] == SENT
    assert after["reviews"][-1]["publication"] is None


def test_a_workbook_without_the_publication_columns_still_reads() -> None:
    doc = document()
    doc["reviews"][0].update(status="completed", publication=None)
    book = load_workbook(io.BytesIO(workbook_of(doc)))
    sheet = book["Reviews"]
    headings = [cell.value for cell in sheet[1]]
    for heading in sorted(
        (h for h in headings if str(h).startswith("publication_")),
        key=headings.index,
        reverse=True,
    ):
        sheet.delete_cols(headings.index(heading) + 1)
    out = io.BytesIO()
    book.save(out)
    again, _ = document_of(out.getvalue())
    # left out, as in a version 1 document: what is recorded of the publication stays
    assert not any("publication" in review for review in again["reviews"])


def test_the_workbook_carries_the_publication(partnership: Partnership) -> None:
    doc = document()
    again, _ = document_of(workbook_of(doc))
    assert again["reviews"][0]["publication"] == NOT_PUBLISHED
    assert again["reviews"][1]["publication"] == SENT


def a_version_1_document_with_a_review_not_published() -> dict[str, Any]:
    """The document as a version 1 export wrote it: no publication key, and one review
    recorded as not published before the format said when and why."""
    doc = document()
    doc["version"] = 1
    for referral in doc["referrals"]:
        referral.pop("rapid_review", None)
        if referral["decision"] is not None:
            referral["decision"].pop("considerations", None)
        if referral["national_panel"] and referral["national_panel"]["response"] not in (
            "awaiting",
            "agreed",
            "contested",
        ):
            referral["national_panel"]["response"] = "awaiting"
    for review in doc["reviews"]:
        review.pop("publication")
    return doc


def test_a_version_1_review_not_published_imports_with_its_decision_not_known() -> None:
    doc = a_version_1_document_with_a_review_not_published()
    import_document(doc)
    partnership = Partnership.objects.get(code=CODE)
    review = Review.objects.get(partnership=partnership, external_key=doc["reviews"][0]["id"])
    assert review.status == "not_published" and review.decided_not_to_publish is None
    exported = export_document(partnership)
    assert "publication" not in exported["reviews"][0]
    notes = report_html(partnership)
    assert f"{review.title}: not published, but when and why the partnership decided so" in notes
    assert not preview_import(copy.deepcopy(exported)).changes_anything

    manager = User.objects.create_user(username="manager@PUB", email="manager@pub.invalid")
    Membership.objects.create(user=manager, partnership=partnership, role=Role.MANAGER)
    client = signed_in(manager)
    page = client.get(f"/reviews/{review.pk}/").content.decode()
    assert "Not known when or why the partnership decided not to publish it" in page
    assert f"/reviews/{review.pk}/not-published/" in page

    refused = client.post(f"/reviews/{review.pk}/not-published/", {"reason": ""})
    assert "Enter the date the partnership decided not to publish the review" in (
        refused.content.decode()
    )
    done = client.post(
        f"/reviews/{review.pk}/not-published/",
        {
            "decided_not_to_publish_0": "",
            "decided_not_to_publish_1": "10",
            "decided_not_to_publish_2": "2019",
            "reason": "Publication would identify the child's siblings.",
        },
        follow=True,
    )
    shown = done.content.decode()
    assert "The decision not to publish has been recorded." in shown
    assert "Decided not to publish on October 2019" in shown
    assert export_document(partnership)["reviews"][0]["publication"]["reason"] == (
        "Publication would identify the child's siblings."
    )
    assert "when and why the partnership decided so" not in report_html(partnership)


def report_html(partnership: Partnership) -> str:
    body = write_report(
        partnership,
        dt.date(2019, 1, 1),
        dt.date(2019, 12, 31),
        "html",
        acting_user=None,
        with_notes=True,  # the notes on the records, for the author
    )
    return html.unescape(body.decode())


def test_a_review_not_published_with_its_decision_not_known_round_trips_in_a_workbook() -> None:
    """The export's workbook has the publication columns, empty for a review whose decision
    is not known: read back, the review imports as it is, changing nothing."""
    import_document(a_version_1_document_with_a_review_not_published())
    partnership = Partnership.objects.get(code=CODE)
    again, _ = document_of(workbook_of(export_document(partnership)))
    assert "publication" not in again["reviews"][0]
    assert not preview_import(again).changes_anything
