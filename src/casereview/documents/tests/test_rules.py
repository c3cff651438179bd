"""Which files a review's documents may have: told from their contents, within a size."""

from __future__ import annotations

import pytest

from casereview.documents.choices import FileKind
from casereview.documents.rules import MB, NotKept, check_file, cleaned_name
from casereview.documents.tests import files

LIMIT = 25 * MB


def checked(name: str, body: bytes, limit: int = LIMIT) -> FileKind:
    return check_file(name, len(body), body, limit).kind


def refusal(name: str, body: bytes, size: int | None = None, limit: int = LIMIT) -> str:
    with pytest.raises(NotKept) as refused:
        check_file(name, len(body) if size is None else size, body, limit)
    return str(refused.value)


def test_a_pdf_a_word_document_and_a_text_file_are_kept() -> None:
    assert checked("Overview report.pdf", files.a_pdf()) == FileKind.PDF
    assert checked("Chronology.DOCX", files.a_word_document()) == FileKind.WORD
    assert checked("notes.txt", "Meeting notes: the family\u2019s GP.\n".encode()) == FileKind.TEXT


def test_a_pdf_renamed_as_a_word_document_is_refused_by_what_it_is() -> None:
    message = refusal("report.docx", files.a_pdf())
    assert message.startswith("report.docx is named as a Word document, but it is a PDF.")


def test_a_word_document_renamed_as_a_pdf_is_refused() -> None:
    assert "is named as a PDF, but it is a Word document" in refusal(
        "report.pdf", files.a_word_document()
    )


def test_an_old_word_document_renamed_docx_is_refused_with_what_it_is() -> None:
    message = refusal("report.docx", files.an_old_word_document())
    assert "but it is an old Word document (.doc)" in message


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("report.pdf", files.a_windows_program()),
        ("setup.exe", files.a_windows_program()),
        ("notes.txt", files.a_linux_program()),
        ("run.txt", b"#!/bin/sh\necho hello\n"),
    ],
)
def test_a_program_is_refused_whatever_it_is_called(name: str, body: bytes) -> None:
    assert refusal(name, body).startswith(f"{name} is a program")


def test_a_file_of_another_kind_is_refused_with_what_it_is_and_what_is_kept() -> None:
    message = refusal("archive.zip", files.a_zip_of_programs())
    assert message == (
        "archive.zip cannot be kept: it is a zip archive. The service keeps a PDF, a Word "
        "document (.docx) or a text file (.txt). Save it as one of those, and upload that."
    )


def test_a_file_over_the_limit_and_an_empty_file_are_refused() -> None:
    assert "larger than 25 MB" in refusal("report.pdf", files.a_pdf(), size=LIMIT + 1)
    assert check_file("report.pdf", LIMIT, files.a_pdf(), LIMIT).kind == FileKind.PDF
    assert "is empty" in refusal("report.pdf", b"")


def test_a_name_keeps_no_folder_and_no_character_a_download_cannot_carry() -> None:
    assert cleaned_name("C:\\Users\\lead\\Desktop\\report.pdf") == "report.pdf"
    assert cleaned_name("../../etc/report.pdf") == "report.pdf"
    assert cleaned_name('ov"er<view>\r\n.pdf') == "overview.pdf"
    assert cleaned_name("...") == "document"
