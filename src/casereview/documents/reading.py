"""The text of a kept file, page by page, for search: PDFium for a PDF (pypdfium2, the engine
Chromium reads PDFs with), python-docx for a Word document, and plain text as it is. No
Django inside: the task (documents.tasks) stores what this returns.

A Word document has no fixed pages: its pages are where Word last laid them out (the
document's own page-break marks), or the page breaks its author put in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
import pypdfium2
from docx.oxml.ns import qn

from casereview.documents.choices import FileKind


@dataclass
class Read:
    """A file's text, a string a page, or why it could not be read."""

    pages: list[str] = field(default_factory=list)
    problem: str = ""


NO_TEXT = (
    "The file holds no text the service can read (a scanned document, say): searches will "
    "not find its words. Upload a copy with its text in it (saved from Word, not scanned)."
)


def read_text(kind: str, data: bytes) -> Read:
    reader = {FileKind.PDF: _pdf, FileKind.WORD: _word, FileKind.TEXT: _plain}[FileKind(kind)]
    read = reader(data)
    if not read.problem and not any(page.strip() for page in read.pages):
        return Read(pages=[], problem=NO_TEXT)
    return read


def _pdf(data: bytes) -> Read:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as wrong:
        if "password" in str(wrong).lower():
            return Read(
                problem="The PDF is protected by a password, so its text cannot be read. "
                "Upload a copy without the password."
            )
        return Read(problem="The PDF is damaged, so its text cannot be read. Save it again.")
    try:
        pages = []
        for page in document:
            text_page = page.get_textpage()
            pages.append(_tidy(text_page.get_text_range()))
            text_page.close()
            page.close()
        return Read(pages=pages)
    finally:
        document.close()


def _word(data: bytes) -> Read:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        return Read(problem="The Word document is damaged, so its text cannot be read.")
    pages: list[list[str]] = [[]]
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            if _breaks_page(block) and pages[-1]:
                pages.append([])
            pages[-1].append(_paragraph_text(block))
        elif block.tag == qn("w:tbl"):
            for cell in block.iter(qn("w:p")):
                pages[-1].append(_paragraph_text(cell))
    return Read(pages=[_tidy("\n".join(lines)).strip() for lines in pages])


def _breaks_page(paragraph: object) -> bool:
    for mark in paragraph.iter(qn("w:br"), qn("w:lastRenderedPageBreak")):  # type: ignore[attr-defined]
        if mark.tag == qn("w:lastRenderedPageBreak") or mark.get(qn("w:type")) == "page":
            return True
    return False


def _paragraph_text(paragraph: object) -> str:
    return "".join(node.text or "" for node in paragraph.iter(qn("w:t")))  # type: ignore[attr-defined]


def _plain(data: bytes) -> Read:
    text = data.decode("utf-8-sig", errors="replace")
    return Read(pages=[_tidy(page) for page in text.split("\f")])


def _tidy(text: str) -> str:
    """Line ends as \\n, and no NUL (PostgreSQL refuses it in text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
