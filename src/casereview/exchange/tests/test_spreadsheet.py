"""Done means 4: the Excel template round-trips to the same records, and its problems are named
by sheet, row and column."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from casereview.accounts.models import Partnership
from casereview.exchange.files import seed_document, with_places
from casereview.exchange.generator import generated_document
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.selectors import export_document
from casereview.exchange.services import import_document
from casereview.exchange.spreadsheet import ALL_SHEETS, document_of, workbook_of
from casereview.exchange.tests.helpers import in_version_2, table_counts, without_computed

pytestmark = pytest.mark.django_db


def edited(data: bytes, sheet: str, cell: str, value: Any) -> bytes:
    book = load_workbook(io.BytesIO(data))
    book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_blank_template_has_a_sheet_per_kind_of_record_with_its_headings() -> None:
    book = load_workbook(io.BytesIO(workbook_of(None)))
    assert book.sheetnames[:2] == ["Read me", "Allowed values"]
    assert book.sheetnames[2:] == [sheet.name for sheet in ALL_SHEETS]
    headings = [cell.value for cell in book["Actions"][1]]
    assert headings == [
        "review",
        "recommendation",
        "text",
        "owner_agency",
        "due",
        "status",
        "completed",
    ]
    allowed = [cell for row in book["Allowed values"].iter_rows(values_only=True) for cell in row]
    assert {"police", "scie_systems", "paqa", "yes", "no"} <= set(allowed)
    assert book["Reviews"].data_validations.dataValidation  # status, type... offered as lists


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_document_round_trips_through_the_workbook(seed: int) -> None:
    document = generated_document(seed=seed, code=f"XL{seed}", referrals=12, reviews=4)
    read, _ = document_of(workbook_of(document))
    # the workbook has the columns of version 2: empty, they read as no rapid review and no
    # matters for a local review
    assert read == in_version_2(document)


def test_the_seed_round_trips_through_the_workbook_into_the_same_records(
    partnership: Partnership,
) -> None:
    seed = seed_document()
    data = workbook_of(seed)
    with_places(io.BytesIO(data), import_document)
    exported = export_document(partnership)
    assert without_computed(exported, references=True) == without_computed(
        in_version_2(seed), references=True
    )
    again, _ = document_of(workbook_of(exported))
    assert in_version_2(again) == without_computed(exported)


def test_the_export_fills_the_template(partnership: Partnership) -> None:
    import_document(seed_document())
    book = load_workbook(io.BytesIO(workbook_of(export_document(partnership))))
    reviews = list(book["Reviews"].iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in reviews][:4] == [
        "Child J",
        "Child Q",
        "Baby L",
        "Child A and Child B",
    ]
    assert book["Referrals"]["H2"].value == "serious_harm"
    assert book["Referrals"]["I2"].value == "no"  # suspected_suicide, as yes or no
    assert book["Glossary"]["A2"].value == "CP"


def test_a_workbook_typed_by_hand_is_read_as_the_document() -> None:
    document = generated_document(seed=4, code="HAND", referrals=3, reviews=1)
    data = workbook_of(document)
    data = edited(data, "Referrals", "C2", dt.datetime(2016, 3, 3))  # Excel made it a date
    data = edited(data, "Referrals", "I2", "Yes")
    data = edited(data, "Children", "D2", 7.0)
    read, _ = document_of(data)
    assert read["referrals"][0]["received"] == "2016-03-03"
    assert read["referrals"][0]["suspected_suicide"] is True
    assert read["children"][0]["age_years"] == 7


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "where", "message"),
    [
        (
            "Reviews",
            "M2",
            "finished",
            "Reviews sheet, row 2, column M (status)",
            "'finished' is not one of the allowed values: choose one of active, on_hold",
        ),
        (
            "Referrals",
            "D3",
            "nobody",
            "Referrals sheet, row 3, column D (referred_by)",
            "'nobody' is not the id of any agency: use an id from column A of the Agencies sheet",
        ),
        (
            "Actions",
            "E2",
            "next spring",
            "Actions sheet, row 2, column E (due)",
            "'next spring' is not a date: type a date like 03/02/2019, Mar 2021 or 2021",
        ),
        (
            "Actions",
            "B2",
            99,
            "Actions sheet, row 2, column B (recommendation)",
            "has no recommendation 99 on the Recommendations sheet: use one of its numbers",
        ),
        (
            "Children",
            "B3",
            None,
            "Children sheet, row 3, column B (pseudonym)",
            "The cell is empty: enter a value",
        ),
        (
            "Agencies",
            "D1",
            "colour",
            "Agencies sheet, row 1, column D (colour)",
            "The heading 'colour' is not one of the template's for this sheet: delete the column, "
            "or give it one of the headings id, name, kind",
        ),
        (
            "Referrals",
            "I2",
            "maybe",
            "Referrals sheet, row 2, column I (suspected_suicide)",
            "'maybe' is not true or false: type yes or no",
        ),
    ],
)
def test_a_workbooks_problems_name_sheet_row_and_column(
    sheet: str, cell: str, value: Any, where: str, message: str
) -> None:
    document = generated_document(seed=6, code="CELLS", referrals=3, reviews=2)
    data = edited(workbook_of(document), sheet, cell, value)
    before = table_counts()
    with pytest.raises(DocumentRejected) as rejected:
        with_places(io.BytesIO(data), import_document)
    found = [(p.where, p.message) for p in rejected.value.problems]
    assert any(w == where and message in m for w, m in found), found
    assert table_counts() == before


def test_a_file_that_is_no_workbook_is_refused() -> None:
    with pytest.raises(DocumentRejected) as rejected:
        document_of(b"PK\x03\x04 not really a zip")
    assert str(rejected.value.problems[0]).startswith(
        "the file: The file cannot be opened as an Excel workbook"
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("03/02/2016", "2016-02-03"),  # day first, as people in the UK write it
        ("3/2/16", "2016-02-03"),
        ("Feb 2016", "2016-02"),
        ("February 2016", "2016-02"),
        (dt.datetime(2016, 2, 3), "2016-02-03"),  # a date Excel made of what was typed
    ],
)
def test_a_date_typed_as_people_write_it_is_read_as_meant(typed: Any, read: str) -> None:
    """Issue 12: export, edit a date in a spreadsheet, re-import, no problem."""
    document = generated_document(seed=6, code="DATES", referrals=3, reviews=2)
    data = edited(workbook_of(document), "Actions", "E2", typed)
    imported, _ = document_of(data)
    assert imported["reviews"][0]["recommendations"][0]["actions"][0]["due"] == read
    import_document(imported)
    exported = export_document(Partnership.objects.get(code="DATES"))
    assert exported["reviews"][0]["recommendations"][0]["actions"][0]["due"] == read


@pytest.mark.parametrize("typed", ["31/02/2016", "02/13/2016"])
def test_an_impossible_date_in_a_workbook_is_named_at_its_cell_never_guessed(typed: str) -> None:
    document = generated_document(seed=6, code="DATES", referrals=3, reviews=2)
    data = edited(workbook_of(document), "Actions", "E2", typed)
    with pytest.raises(DocumentRejected) as rejected:
        with_places(io.BytesIO(data), import_document)
    found = [(p.where, p.message) for p in rejected.value.problems]
    assert (
        "Actions sheet, row 2, column E (due)",
        f"'{typed}' is not a date: type a date like 03/02/2019, Mar 2021 or 2021",
    ) in found, found


def test_not_known_in_a_workbook_date_is_an_empty_date() -> None:
    document = generated_document(seed=6, code="DATES", referrals=3, reviews=2)
    completed = next(
        (place, action)
        for place, action in enumerate(document["reviews"][0]["recommendations"][0]["actions"], 2)
        if action["completed"] is None
    )
    row = completed[0]
    data = edited(workbook_of(document), "Actions", f"G{row}", "N/A")
    imported, _ = document_of(data)
    assert imported["reviews"][0]["recommendations"][0]["actions"][row - 2]["completed"] is None
