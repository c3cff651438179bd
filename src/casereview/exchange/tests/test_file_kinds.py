"""A file that is not what the import expected is named by what it is, from its contents."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from casereview.core.filekinds import described
from casereview.exchange.filekinds import wrong_kind
from casereview.exchange.files import read_file
from casereview.exchange.models import PendingImport
from casereview.exchange.problems import DocumentRejected

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20)
# An Office 97-2003 compound file: its directory names its streams in UTF-16.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def excel_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


WORD = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "a PDF"),
        (WORD, "a Word document"),
        (excel_workbook(), "an Excel workbook"),
        (OLE2 + "Workbook".encode("utf-16-le"), "an old Excel workbook (.xls)"),
        (OLE2 + "WordDocument".encode("utf-16-le"), "an old Word document (.doc)"),
        (zipped({"minutes/notes.txt": b"hello"}), "a zip archive"),
        (b"PK\x03\x04 broken beyond reading", "a zip archive"),
        (
            zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "an OpenDocument spreadsheet (.ods)",
        ),
        (PNG, "an image (PNG)"),
        (JPEG, "an image (JPEG)"),
        (b"<!DOCTYPE html>\n<html><body>Tracker</body></html>", "a web page"),
        (b"\xef\xbb\xbf  <HTML lang='en'><head>", "a web page"),
        (b"Case ref,Date referred\nWV-19-01,03/02/2019\n", "a text file"),
        ('{"caf\u00e9": 1}'.encode(), "a text file"),
        ("Name\r\nAmélie".encode("utf-16"), "a text file"),
        (b"{\\rtf1\\ansi Tracker}", "a rich text document (.rtf)"),
        (b"", "an empty file"),
        (b" \n\t\r\n", "an empty file"),
        (b"\x00\x01\x02\x03\xfe binary", None),
    ],
)
def test_a_file_is_described_by_its_contents(data: bytes, kind: str | None) -> None:
    assert described(data) == kind


def test_the_name_given_to_a_file_does_not_change_what_it_is() -> None:
    # described() takes no name at all: a PDF saved as tracker.xlsx reads as a PDF.
    assert described(PDF) == "a PDF"
    assert wrong_kind(PDF).startswith("This is a PDF, not a spreadsheet or a JSON document: ")


def test_the_refusal_says_what_it_is_what_was_expected_and_what_to_do() -> None:
    message = wrong_kind(OLE2 + "Workbook".encode("utf-16-le"), expected="a spreadsheet")
    assert message.startswith("This is an old Excel workbook (.xls), not a spreadsheet: ")
    assert "Save As" in message and "(.xlsx)" in message
    assert wrong_kind(b"\x00\x01\x02").startswith(
        "This file is not a spreadsheet or a JSON document: upload the spreadsheet"
    )


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (PDF, "This is a PDF, not a spreadsheet or a JSON document"),
        (WORD, "This is a Word document, not a spreadsheet or a JSON document"),
        (PNG, "This is an image (PNG), not a spreadsheet or a JSON document"),
        (b"", "This is an empty file, not a spreadsheet or a JSON document"),
        (b"Case ref,Date\nA,1\n", "This is a text file, not a spreadsheet or a JSON document"),
    ],
)
def test_the_import_refuses_a_file_of_another_kind_saying_what_it_is(
    data: bytes, start: str
) -> None:
    with pytest.raises(DocumentRejected) as rejected:
        read_file(io.BytesIO(data))
    (problem,) = rejected.value.problems
    assert problem.place == "the file"
    assert problem.message.startswith(start)


@pytest.mark.django_db
def test_a_pdf_renamed_xlsx_is_called_a_pdf_on_the_page(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("manager").post(
        reverse("exchange:index"), {"document": SimpleUploadedFile("tracker.xlsx", PDF)}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "This is a PDF, not a spreadsheet or a JSON document" in text
    assert "not UTF-8" not in text
    assert not PendingImport.objects.exists()
