"""Text that looks like a formula leaves in the exchange workbook as text and comes back
from it unchanged."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from casereview.accounts.models import Partnership
from casereview.exchange.generator import generated_document
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document
from casereview.exchange.spreadsheet import document_of, workbook_of
from casereview.exchange.tests.helpers import in_version_2, without_computed

pytestmark = pytest.mark.django_db

LOOKS_LIKE_A_FORMULA = ["-3 days", "=SUM(A1)", "@home", "+44 1865 000000", "#N/A", "=1+1 & more"]


def test_text_that_looks_like_a_formula_round_trips_through_the_workbook() -> None:
    document = generated_document(seed=4, code="XLF", referrals=2, reviews=2)
    values = iter(LOOKS_LIKE_A_FORMULA * 3)
    review = document["reviews"][0]
    review["title"], review["summary"] = next(values), next(values)
    review["learning_points"][0]["text"] = next(values)
    action = next(a for r in review["recommendations"] for a in r["actions"] if a["updates"])
    action["text"], action["updates"][0]["text"] = next(values), next(values)
    document["glossary"][0]["meaning"] = next(values)
    document["referrals"][0]["summary"] = next(values)
    read, _ = document_of(workbook_of(document))
    assert read == in_version_2(document)


def test_an_export_holding_formula_like_text_imports_as_the_same_records(
    partnership: Partnership,
) -> None:
    document = generated_document(seed=5, code=partnership.code, referrals=2, reviews=1)
    document["partnership"]["name"] = partnership.name
    document["reviews"][0]["title"] = '=HYPERLINK("http://evil","click")'
    document["reviews"][0]["learning_points"][0]["text"] = "-3 days"
    import_document(document)
    exported = export_document(partnership)
    data = workbook_of(exported)
    titles = [row[2] for row in load_workbook(io.BytesIO(data))["Reviews"].iter_rows(min_row=2)]
    assert [(cell.value, cell.data_type) for cell in titles if cell.value] == [
        ('=HYPERLINK("http://evil","click")', "s")
    ]
    again, _ = document_of(data)
    assert in_version_2(again) == without_computed(exported)
