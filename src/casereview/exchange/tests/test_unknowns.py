"""What a partnership's own tracker does not hold imports as unknown (spec/exchange-format.md,
version 2 additions): an action's due date, a decision's reasons, a completed review's sign-off
date and a progress update's date may each be null, in a JSON document and as a blank cell of
the workbook template. Nothing is refused for it, nothing is invented, the export writes null
again, and the report's notes for the author name each record."""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from casereview.accounts.models import Partnership
from casereview.actionplans.models import AgencyAction, ProgressUpdate
from casereview.exchange.files import with_places
from casereview.exchange.generator import generated_document
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document, preview_import
from casereview.exchange.spreadsheet import workbook_of
from casereview.exchange.tests.helpers import in_version_2, without_computed
from casereview.referrals.models import Decision
from casereview.reports.document import build
from casereview.reviews.models import Review

pytestmark = pytest.mark.django_db

CODE = "UNKNOWN"
SIGNED_OFF = ("completed", "published", "not_published")


def tracker_document() -> dict[str, Any]:
    """A document as a partnership's tracker gives it: with its first action with updates,
    that action's first update, two decisions and a completed review each missing a fact."""
    document = generated_document(seed=5, code=CODE, referrals=8, reviews=5)
    actions = [
        action
        for review in document["reviews"]
        for recommendation in review["recommendations"]
        for action in recommendation["actions"]
    ]
    action = next(a for a in actions if a["updates"] and a["status"] != "verified")
    action["due"] = None
    action["updates"][0]["date"] = None
    decided = [r["decision"] for r in document["referrals"] if r["decision"]]
    decided[0]["rationale"] = None
    decided[1]["rationale"] = ""
    review = next(r for r in document["reviews"] if r["status"] in SIGNED_OFF)
    review["signed_off"] = None
    return document


def as_exported(document: dict[str, Any]) -> dict[str, Any]:
    """The document as the export writes the same records: no reasons is null."""
    found = copy.deepcopy(document)
    for referral in found["referrals"]:
        if referral["decision"] and not referral["decision"]["rationale"]:
            referral["decision"]["rationale"] = None
    return found


def notes_of(partnership: Partnership) -> list[str]:
    return build(partnership, dt.date(2000, 1, 1), dt.date.today(), with_notes=True).notes


def test_a_json_document_with_unknowns_imports_and_the_notes_name_each(
    partnership: Partnership,
) -> None:
    document = tracker_document()
    import_document(document)
    imported = Partnership.objects.get(code=CODE)
    action = AgencyAction.objects.get(partnership=imported, due__isnull=True)
    assert ProgressUpdate.objects.filter(action=action, date__isnull=True).count() == 1
    # The update's date is unknown: the action's last update is its dated one, if any.
    dated = [u["date"] for u in action_item(document, action)["updates"] if u["date"]]
    assert action.last_update == (dt.date.fromisoformat(max(dated)) if dated else None)
    assert Decision.objects.filter(referral__partnership=imported, rationale="").count() == 2
    review = Review.objects.get(
        partnership=imported, signed_off__isnull=True, status__in=SIGNED_OFF
    )
    notes = notes_of(imported)
    recommendation = action.recommendation
    where = f"({recommendation.source.title}, recommendation {recommendation.number})"
    assert (
        f"One action has no due date (not rated, and never counted as overdue): {action.text} {where}."
        in notes
    )
    assert (
        "One progress update has no date (shown, but never counted as a recent update for the "
        f"rating), on the action: {action.text} {where}." in notes
    )
    without_reasons = Decision.objects.filter(
        referral__partnership=imported, rationale=""
    ).order_by("referral__received", "referral__pk")
    references = " and ".join(d.referral.reference for d in without_reasons)
    assert f"The decisions on referrals {references} have no reasons recorded." in notes
    assert (
        f"{review.title}: signed off, but the sign-off date is not known (left out of the "
        "sign-offs by financial year and the recommendations from reviews signed off)." in notes
    )


def action_item(document: dict[str, Any], action: AgencyAction) -> dict[str, Any]:
    return next(
        a
        for review in document["reviews"]
        for recommendation in review["recommendations"]
        for a in recommendation["actions"]
        if a["due"] is None and a["text"] == action.text
    )


def test_unknowns_come_back_from_the_export_as_null_and_import_again_unchanged() -> None:
    document = tracker_document()
    import_document(document)
    exported = export_document(Partnership.objects.get(code=CODE))
    assert without_computed(exported) == in_version_2(as_exported(document))
    summary = preview_import(exported)
    assert not summary.changes_anything


def blanked(data: bytes, sheet: str, heading: str, row: int = 2) -> bytes:
    """The workbook with the cell under `heading` of `row` emptied, as a tracker leaves it."""
    book = load_workbook(io.BytesIO(data))
    headings = [cell.value for cell in book[sheet][1]]
    book[sheet].cell(row=row, column=headings.index(heading) + 1).value = None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_workbook_template_with_blank_cells_for_unknowns_imports() -> None:
    document = generated_document(seed=5, code=CODE, referrals=8, reviews=5)
    decided_row = next(n for n, r in enumerate(document["referrals"], 2) if r["decision"])
    signed_row = next(n for n, r in enumerate(document["reviews"], 2) if r["status"] in SIGNED_OFF)
    data = workbook_of(document)
    data = blanked(data, "Actions", "due")
    data = blanked(data, "Progress updates", "date")
    data = blanked(data, "Referrals", "decision_rationale", decided_row)
    data = blanked(data, "Reviews", "signed_off", signed_row)
    with_places(io.BytesIO(data), import_document)
    partnership = Partnership.objects.get(code=CODE)
    assert AgencyAction.objects.filter(partnership=partnership, due__isnull=True).count() == 1
    assert (
        ProgressUpdate.objects.filter(action__partnership=partnership, date__isnull=True).count()
        == 1
    )
    assert Decision.objects.filter(referral__partnership=partnership, rationale="").count() == 1
    unsigned = Review.objects.get(
        partnership=partnership, status__in=SIGNED_OFF, signed_off__isnull=True
    )
    notes = " ".join(notes_of(partnership))
    assert "One action has no due date" in notes
    assert "One progress update has no date" in notes
    assert "has no reasons recorded" in notes
    assert f"{unsigned.title}: signed off, but the sign-off date is not known" in notes
