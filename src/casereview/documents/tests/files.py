"""Real files for the tests: a PDF made by WeasyPrint, a Word document by python-docx, and
files that are not what they say."""

from __future__ import annotations

import io
import zipfile

import docx
from weasyprint import HTML

REPORT_WORDS = "Invented overview report for Child J."


def a_pdf(words: str = REPORT_WORDS) -> bytes:
    return HTML(string=f"<h1>Overview report</h1><p>{words}</p>").write_pdf()


def a_word_document(words: str = REPORT_WORDS) -> bytes:
    document = docx.Document()
    document.add_heading("Overview report", level=1)
    document.add_paragraph(words)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def a_windows_program() -> bytes:
    """The start of a Windows program: "MZ", its DOS stub, and the "PE" header it points to."""
    stub = b"MZ\x90\x00" + bytes(56) + (128).to_bytes(4, "little")
    stub += b"This program cannot be run in DOS mode.\r\n$".ljust(64, b"\x00")
    return stub + b"PE\x00\x00" + bytes(200)


def a_linux_program() -> bytes:
    return b"\x7fELF\x02\x01\x01" + bytes(120)


def an_old_word_document() -> bytes:
    """An Office 97-2003 compound file whose directory names a WordDocument stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200) + "WordDocument".encode("utf-16-le")


def a_zip_of_programs() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("setup.exe", a_windows_program())
    return out.getvalue()


def a_pdf_of_pages(pages: list[str]) -> bytes:
    """A PDF with one page for each text."""
    body = "".join(
        f'<section style="page-break-after: always"><p>{text}</p></section>' for text in pages
    )
    return HTML(string=body).write_pdf()


def a_word_document_of_pages(pages: list[str]) -> bytes:
    """A Word document with a page break between each text, and a table on the last page."""
    document = docx.Document()
    for number, text in enumerate(pages):
        if number:
            document.add_page_break()
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Agency"
    table.rows[0].cells[1].text = "Health visiting"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def a_pdf_without_text() -> bytes:
    """A page with a drawing and no text on it, as a scan has no text."""
    return HTML(string='<div style="width:5cm;height:5cm;background:#333"></div>').write_pdf()
