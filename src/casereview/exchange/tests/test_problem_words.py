"""Issue 12: an import's problems in a business manager's words, grouped, all at once.

A workbook's problems name the sheet, the column (heading and letter) and the rows as Excel
shows them; problems of one kind in one column are one line; every line says what to do.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from casereview.exchange.files import with_places
from casereview.exchange.generator import generated_document
from casereview.exchange.problems import DocumentRejected, Section
from casereview.exchange.services import import_document
from casereview.exchange.spreadsheet import workbook_of

pytestmark = pytest.mark.django_db


def edited(data: bytes, cells: dict[tuple[str, str], Any]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rejected_workbook(data: bytes) -> DocumentRejected:
    with pytest.raises(DocumentRejected) as rejected:
        with_places(io.BytesIO(data), import_document)
    return rejected.value


def section(rejected: DocumentRejected, title: str) -> Section:
    return next(s for s in rejected.sections() if s.title == title)


def test_bad_dates_in_one_column_are_one_problem_naming_the_rows_and_values() -> None:
    document = generated_document(seed=6, code="WORDS", referrals=12, reviews=2)
    data = edited(
        workbook_of(document),
        {("Referrals", "C7"): "31/02/2019", ("Referrals", "C12"): "soon"},
    )
    rejected = rejected_workbook(data)
    groups = section(rejected, "Referrals sheet").groups
    dates = next(g for g in groups if g.where == "column C (received)")
    assert dates.count == 2
    assert dates.message == (
        "2 cells are not dates (rows 7 and 12: '31/02/2019', 'soon'): type a date like "
        "03/02/2019, Mar 2021 or 2021"
    )


def test_a_reference_used_twice_names_both_rows_and_what_to_do() -> None:
    document = generated_document(seed=6, code="WORDS", referrals=9, reviews=2)
    twice = document["referrals"][2]["id"]
    data = edited(workbook_of(document), {("Referrals", "A9"): twice})
    rejected = rejected_workbook(data)
    messages = [str(p) for p in rejected.problems]
    assert (
        f"Referrals sheet, row 9, column A (id): {twice!r} is used twice, in rows 4 and 9 of "
        "Referrals: give each case its own id"
    ) in messages


def test_blank_cells_of_a_column_are_one_line_naming_the_rows() -> None:
    document = generated_document(seed=6, code="WORDS", referrals=3, reviews=1)
    blanks = {("Children", f"B{row}"): None for row in range(2, 2 + len(document["children"]))}
    data = edited(workbook_of(document), blanks)
    rejected = rejected_workbook(data)
    (group,) = section(rejected, "Children sheet").groups
    count = len(document["children"])
    assert group.where == "column B (pseudonym)" and group.count == count
    assert count == 4  # the generator's children for three referrals
    assert group.message == "4 cells are empty (rows 2, 3, 4 and 5): enter a value"


def test_a_workbook_not_of_the_template_is_told_once_what_is_missing() -> None:
    book = Workbook()
    book.active.title = "SCR tracker"
    book.active.append(["Case ref", "Date referred"])
    out = io.BytesIO()
    book.save(out)
    rejected = rejected_workbook(out.getvalue())
    (problem,) = rejected.problems
    assert problem.place == "the workbook"
    assert problem.message.startswith(
        "The 15 sheets of the template are missing: 'Partnership', 'Agencies', "
    )
    assert "Download the spreadsheet template" in problem.message


def test_a_json_documents_problems_keep_their_paths_grouped_by_key() -> None:
    document = generated_document(seed=6, code="WORDS", referrals=3, reviews=1)
    for referral in document["referrals"]:
        referral["received"] = "soon"
    with pytest.raises(DocumentRejected) as rejected:
        import_document(document)
    groups = section(rejected.value, "$.referrals").groups
    dates = next(g for g in groups if g.where == "$.referrals[].received")
    assert dates.message == (
        "3 values are not dates (at $.referrals[0].received, $.referrals[1].received and "
        "$.referrals[2].received): expected YYYY-MM-DD, YYYY-MM or YYYY"
    )


def test_the_command_lines_name_the_sheet_then_each_group() -> None:
    document = generated_document(seed=6, code="WORDS", referrals=12, reviews=2)
    data = edited(
        workbook_of(document), {("Referrals", "C7"): "soon", ("Referrals", "C8"): "later"}
    )
    lines = rejected_workbook(data).lines()
    at = lines.index("Referrals sheet:")
    assert lines[at + 1].startswith(
        "  column C (received): 2 cells are not dates (rows 7 and 8: 'soon', 'later')"
    )


def test_the_page_shows_every_problem_grouped_by_sheet_with_what_to_do(
    client_as: Callable[..., Client],
) -> None:
    document = generated_document(seed=6, code="OSCB", referrals=150, reviews=1)
    cells: dict[tuple[str, str], Any] = {
        ("Referrals", f"H{row}"): "dead" for row in range(2, 2 + len(document["referrals"]))
    }
    cells[("Children", "C2")] = "girl"
    data = edited(workbook_of(document), cells)
    response = client_as("manager").post(
        reverse("exchange:index"), {"document": SimpleUploadedFile("tracker.xlsx", data)}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Children sheet" in text and "Referrals sheet: 150 problems" in text
    assert "column H (harm)" in text
    assert "150 cells are not allowed values (rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 140 more" in (
        text.replace("&#x27;", "'")
    )
    assert "choose one of" in text and "Allowed values sheet" in text
    assert "more problems, shown once these are corrected" not in text
