"""A partnership's own tracker read as sheets: title rows, merged cells, real and typed
dates, CSV files as Excel saves them, and files of the wrong kind named for what they are."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook

from casereview.exchange.problems import DocumentRejected
from casereview.exchange.trackers import read_spreadsheet
from casereview.exchange.trackers.reading import Sheet
from casereview.testing.trackers import BOARD_ACTIONS, COUNCIL_CASES, build_tracker


def rejected_message(data: bytes, name: str) -> str:
    with pytest.raises(DocumentRejected) as caught:
        read_spreadsheet(data, name)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0].message


def test_the_council_tracker_finds_its_headers_below_the_merged_title() -> None:
    book = read_spreadsheet(*build_tracker("council", cases=4))
    assert [sheet.name for sheet in book.sheets] == ["SCR tracker", "Action plan"]
    cases = book.sheet("SCR tracker")
    assert cases.rows[0][0] == "Safeguarding Children Partnership: SCR tracker"
    assert cases.rows[0][1] is None  # merged: the value is in the top-left cell only
    assert cases.guess_header_row() == 3
    assert cases.headers(3) == list(COUNCIL_CASES)
    numbered = list(cases.data_rows(3))
    assert [number for number, _ in numbered] == [4, 5, 6, 7]
    assert numbered[0][1][:3] == ["SCR-16-001", "Child A", "01/01/2016"]
    assert book.sheet("Action plan").guess_header_row() == 3


def test_the_board_tracker_has_real_dates_and_its_actions_first() -> None:
    book = read_spreadsheet(*build_tracker("board", cases=3))
    assert [sheet.name for sheet in book.sheets] == ["Actions", "Cases", "Notes"]
    actions = book.sheet("Actions")
    assert actions.guess_header_row() == 3
    assert actions.headers(3) == list(BOARD_ACTIONS)
    first = next(book.sheet("Cases").data_rows(3))[1]
    assert first[2] == dt.datetime(2016, 1, 1)


def test_a_csv_saved_by_excel_in_windows_1252_with_semicolons() -> None:
    data, name = build_tracker("cases_csv", cases=3)
    book = read_spreadsheet(data, name)
    (sheet,) = book.sheets
    assert sheet.name == "cases"
    assert sheet.guess_header_row() == 1
    assert sheet.headers(1) == list(COUNCIL_CASES)
    assert next(sheet.data_rows(1))[1][4] == "Police"
    apostrophe = "Case ref;Summary\r\nX-1;The child\x92s school\r\n".encode("latin-1")
    assert read_spreadsheet(apostrophe, "x.csv").sheets[0].rows[1] == [
        "X-1",
        "The child\u2019s school",
    ]


def test_csv_with_commas_or_tabs_in_utf8_or_utf16() -> None:
    comma = "Case ref,Child\r\nA-1,Child Zoë\r\n".encode("utf-8-sig")
    assert read_spreadsheet(comma, "t.csv").sheets[0].rows == [
        ["Case ref", "Child"],
        ["A-1", "Child Zoë"],
    ]
    tabs = "Case ref\tChild\r\nA-1\tChild B\r\n".encode("utf-16")
    assert read_spreadsheet(tabs, "t.txt").sheets[0].rows[1] == ["A-1", "Child B"]


def test_blank_rows_are_skipped_but_keep_the_numbers_excel_shows() -> None:
    sheet = Sheet("s", [["Ref", "Child"], ["A", "Child A"], [None, " "], ["B", "Child B"]])
    assert [number for number, _ in sheet.data_rows(1)] == [2, 4]


def test_a_repeated_header_is_told_apart_and_empty_ones_kept_in_place() -> None:
    sheet = Sheet("s", [["Date", None, "Date", "Date", None]])
    assert sheet.headers(1) == ["Date", "", "Date (2)", "Date (3)"]


def test_column_letters_as_excel_shows_them() -> None:
    assert [Sheet.column_letter(i) for i in (0, 1, 25, 26)] == ["A", "B", "Z", "AA"]


def test_a_title_above_an_unmerged_header_row_is_skipped() -> None:
    book = OpenpyxlWorkbook()
    ws = book.active
    ws.append(["Tracker 2023/24"])
    ws.append(["Ref", "Child", "Date referred", "Status"])
    ws.append(["R-1", "Child A", dt.date(2023, 4, 1), "Open"])
    out = io.BytesIO()
    book.save(out)
    sheet = read_spreadsheet(out.getvalue(), "tracker.xlsx").sheets[0]
    assert sheet.guess_header_row() == 2


def test_a_pdf_renamed_as_a_workbook_is_called_a_pdf() -> None:
    message = rejected_message(b"%PDF-1.7\n%binary", "tracker.xlsx")
    assert message.startswith("This is a PDF, not a spreadsheet")
    assert ".xlsx" in message and ".csv" in message


def test_an_old_excel_file_says_how_to_save_it_again() -> None:
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    message = rejected_message(old, "tracker.xls")
    assert message.startswith("This is an old Excel workbook (.xls), not a spreadsheet")
    assert "Save As" in message


def test_a_word_document_is_not_read_as_a_tracker() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert rejected_message(out.getvalue(), "tracker.xlsx").startswith(
        "This is a Word document, not a spreadsheet"
    )


def test_a_workbook_that_will_not_open_says_so_in_words() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "not a workbook")
    message = rejected_message(out.getvalue(), "tracker.xlsx")
    assert "could not be opened" in message
