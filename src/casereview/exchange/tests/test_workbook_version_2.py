"""Issue 13: the workbook template gains what version 2 of the exchange format adds
(spec/exchange-format.md, "Version 2 additions"): a referral's rapid review, a decision's
matters for a local review, the Panel's newer responses and a review's publication. A
partnership's records go out to the workbook and back changing nothing; a workbook of the
version 1 template, without the new columns, still imports and leaves what is recorded of
them as it is."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from casereview.accounts.models import Partnership
from casereview.exchange.files import with_places
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, preview_import
from casereview.exchange.spreadsheet import document_of, workbook_of
from casereview.exchange.tests.helpers import table_counts, without_computed
from casereview.exchange.tests.test_idempotence import writes_during
from casereview.exchange.tests.test_version_2 import version_2_document
from casereview.referrals.models import Decision, PanelSubmission, RapidReview
from casereview.reviews.models import Review

pytestmark = pytest.mark.django_db

RAPID_REVIEW_COLUMNS = [
    "rapid_review_meeting",
    "rapid_review_sent_to_panel",
    "rapid_review_recommendation",
    "rapid_review_immediate_actions",
    "rapid_review_agencies",
    "rapid_review_signed_off_by",
]
PUBLICATION_COLUMNS = [
    "publication_sent_to_panel",
    "publication_decided_not_to_publish",
    "publication_reason",
    "publication_published_instead",
]


def headings(book: Any, sheet: str) -> list[str]:
    return [cell.value for cell in book[sheet][1]]


def workbook_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def without_columns(data: bytes, sheet: str, names: list[str]) -> bytes:
    """The workbook with the named columns deleted: as the version 1 template had it."""
    book = load_workbook(io.BytesIO(data))
    found = headings(book, sheet)
    for index in sorted((found.index(name) + 1 for name in names), reverse=True):
        book[sheet].delete_cols(index)
    return workbook_bytes(book)


def imported_partnership(*, not_published: bool = True) -> tuple[Partnership, dict[str, Any]]:
    """A partnership with every version 2 record: rapid reviews, considerations, the Panel
    asking for more and considering a national review, a final report sent to the Panel and
    (`not_published`) a review not published with its reason."""
    document = version_2_document()
    sent, other = document["reviews"]
    sent["publication"] = {
        "sent_to_panel": "2018-12-20",
        "decided_not_to_publish": None,
        "reason": None,
        "published_instead": None,
    }
    if not_published:
        other["status"] = "not_published"
        other["publication"] = {
            "sent_to_panel": None,
            "decided_not_to_publish": "2016-03",
            "reason": "Publication would identify Child Q's siblings.",
            "published_instead": "A seven-minute briefing.",
        }
    import_document(document)
    partnership = Partnership.objects.get(code="RAPID")
    return partnership, export_document(partnership)


def test_the_template_has_the_columns_of_version_2() -> None:
    book = load_workbook(io.BytesIO(workbook_of(None)))
    referrals = headings(book, "Referrals")
    assert referrals[referrals.index("rapid_review_meeting") :][:6] == RAPID_REVIEW_COLUMNS
    assert referrals.index("decision_rationale") + 1 == referrals.index("decision_considerations")
    assert headings(book, "Reviews")[-4:] == PUBLICATION_COLUMNS
    allowed = {cell for row in book["Allowed values"].iter_rows(values_only=True) for cell in row}
    # the rapid review's recommendation and sign-off, the matters for a local review, and the
    # Panel's responses of version 2
    assert {"lcspr", "no_lcspr", "undecided", "local_authority", "police", "health"} <= allowed
    assert {"improvements_needed", "multi_agency_concern", "panel_suggested"} <= allowed
    assert {"more_information", "national_review"} <= allowed
    assert "version 2" in str(book["Read me"]["A1"].value)


def test_a_partnerships_version_2_records_round_trip_through_the_workbook() -> None:
    partnership, exported = imported_partnership()
    data = workbook_of(exported)

    book = load_workbook(io.BytesIO(data))
    row = dict(
        zip(
            headings(book, "Referrals"),
            next(book["Referrals"].iter_rows(min_row=2, values_only=True)),
            strict=False,
        )
    )
    assert row["rapid_review_signed_off_by"] == "local_authority, health"
    assert row["rapid_review_recommendation"] == "no_lcspr"
    assert row["decision_considerations"] == "recurrent_themes, panel_suggested"
    assert row["panel_response"] == "more_information"

    read, _ = document_of(data)
    assert read == without_computed(exported)
    assert not preview_import(read).changes_anything
    assert writes_during(lambda: with_places(io.BytesIO(data), import_document)) == []
    assert without_computed(export_document(partnership)) == without_computed(exported)


def test_a_rapid_review_typed_into_the_workbook_is_imported() -> None:
    _, exported = imported_partnership()
    book = load_workbook(io.BytesIO(workbook_of(exported)))
    names = headings(book, "Referrals")
    sheet = book["Referrals"]
    row = next(  # a referral with a decision and no rapid review
        number
        for number in range(3, sheet.max_row + 1)
        if sheet.cell(row=number, column=names.index("decision_date") + 1).value
        and not sheet.cell(row=number, column=names.index("rapid_review_recommendation") + 1).value
    )
    typed = {
        "rapid_review_meeting": "03/02/2024",
        "rapid_review_recommendation": "lcspr",
        "rapid_review_agencies": exported["agencies"][1]["id"],
        "rapid_review_signed_off_by": "police; health",
        "decision_considerations": "improvements_needed, multi_agency_concern",
    }
    for name, value in typed.items():
        sheet.cell(row=row, column=names.index(name) + 1, value=value)
    key = sheet.cell(row=row, column=1).value
    with_places(io.BytesIO(workbook_bytes(book)), import_document)

    rapid_review = RapidReview.objects.get(referral__external_key=key)
    assert rapid_review.recommendation == "lcspr"
    assert rapid_review.signed_off_by == ["police", "health"]
    assert [a.external_key for a in rapid_review.agencies.all()] == [exported["agencies"][1]["id"]]
    assert Decision.objects.get(referral__external_key=key).considerations == [
        "improvements_needed",
        "multi_agency_concern",
    ]


def test_a_wrong_sign_off_is_named_at_its_cell() -> None:
    _, exported = imported_partnership()
    book = load_workbook(io.BytesIO(workbook_of(exported)))
    column = headings(book, "Referrals").index("rapid_review_signed_off_by") + 1
    book["Referrals"].cell(row=2, column=column, value="local_authority, the mayor")
    before = table_counts()
    with pytest.raises(DocumentRejected) as rejected:
        with_places(io.BytesIO(workbook_bytes(book)), import_document)
    wheres = [p.where for p in rejected.value.problems]
    assert any(
        where is not None
        and where.startswith("Referrals sheet, row 2, column ")
        and where.endswith("(rapid_review_signed_off_by)")
        for where in wheres
    ), wheres
    assert table_counts() == before


def test_a_workbook_of_the_version_1_template_imports_and_leaves_version_2_records_as_they_are() -> (
    None
):
    # (no review not published: without its publication, which says why, the import
    # refuses that status, for a workbook as for a JSON document of version 1)
    partnership, exported = imported_partnership(not_published=False)
    old = without_columns(
        workbook_of(exported), "Referrals", [*RAPID_REVIEW_COLUMNS, "decision_considerations"]
    )
    old = without_columns(old, "Reviews", PUBLICATION_COLUMNS)
    book = load_workbook(io.BytesIO(old))
    assert not any(
        h.startswith(("rapid_review_", "publication_"))
        for h in headings(book, "Referrals") + headings(book, "Reviews")
    )

    read, _ = document_of(old)
    assert all("rapid_review" not in referral for referral in read["referrals"])
    assert not preview_import(read).changes_anything
    assert writes_during(lambda: with_places(io.BytesIO(old), import_document)) == []
    assert without_computed(export_document(partnership)) == without_computed(exported)
    assert RapidReview.objects.filter(partnership=partnership).count() == 2
    assert Decision.objects.get(referral__external_key="referral-0").considerations == [
        "recurrent_themes",
        "panel_suggested",
    ]
    assert Review.objects.filter(partnership=partnership, sent_to_panel__isnull=False).count() == 1


def test_a_workbook_of_the_version_1_template_imports_into_a_new_partnership() -> None:
    document = version_2_document()
    data = without_columns(
        workbook_of(document), "Referrals", [*RAPID_REVIEW_COLUMNS, "decision_considerations"]
    )
    data = without_columns(data, "Reviews", PUBLICATION_COLUMNS)
    with_places(io.BytesIO(data), import_document)
    partnership = Partnership.objects.get(code="RAPID")
    assert not RapidReview.objects.filter(partnership=partnership).exists()
    assert Decision.objects.get(referral__external_key="referral-0").considerations == []
    # the Panel's responses of version 2 are codes of columns the old template had
    assert PanelSubmission.objects.get(referral__external_key="referral-0").response == (
        "more_information"
    )
