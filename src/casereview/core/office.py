"""What the Word and Excel files the service writes are given.

A workbook's text is written as text, whatever it starts with: a progress update typed as
`=HYPERLINK(...)`, `+44 ...` or `@home` is never a formula that Excel evaluates. Each text
cell is a string cell with the quote prefix set, the mark Excel itself gives text typed
after an apostrophe, so the cell stays text when someone edits it and presses Enter too.
The value is not changed: a workbook read back gives the text as it was.

Text in every file leaves out the control characters stored before forms and the import
refused them (`controlchars.printable`), which a Word or Excel file cannot hold at all.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font

from casereview.core.controlchars import printable

# Values Excel holds as they are: numbers and dates (bool is an int).
KEPT = (int, float, Decimal, dt.date, dt.time, dt.timedelta)


def text(value: object) -> str:
    """`value` as text a Word, Excel or PDF file can hold."""
    return printable(str(value))


def cell(
    sheet: Any, value: object, *, bold: bool = False, number_format: str | None = None
) -> Cell:
    """A cell holding `value`, for `sheet.append`, in a normal or a write-only workbook.

    Numbers and dates stay numbers and dates; None is an empty cell; anything else is text.
    """
    if value is None or isinstance(value, KEPT):
        made = WriteOnlyCell(sheet, value=value)
    else:
        made = WriteOnlyCell(sheet, value=text(value))
        # openpyxl makes text starting with "=" a formula and "#N/A" an error: undone here.
        made.data_type = "s"
        made.quotePrefix = True
    if bold:
        made.font = Font(bold=True)
    if number_format is not None:
        made.number_format = number_format
    return made


# Word files people send on: A4, named as the partnership's, with a running header, "Page N
# of M" in the footer, headings and captions kept with what follows and a table's header row
# repeated on each page it runs to.

A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)


def a4(document: WordDocument, *, margin: Length = MARGIN) -> None:
    """Every section of `document` on A4 paper, portrait, with `margin` on each side; the
    header's tab stop at the right of the text, the footer's in the middle and at the right."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, margin)
        section.header_distance = section.footer_distance = Mm(10)
    width = text_width(document)
    for name, centred in (("Header", False), ("Footer", True)):
        stops = document.styles[name].paragraph_format.tab_stops
        stops.clear_all()
        if centred:
            stops.add_tab_stop(Length(width // 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def text_width(document: WordDocument) -> Length:
    section = document.sections[0]
    assert section.page_width is not None and section.left_margin is not None
    assert section.right_margin is not None
    return Length(section.page_width - section.left_margin - section.right_margin)


def describe(document: WordDocument, *, author: str, title: str, subject: str = "") -> None:
    """The file's properties, as Word's File > Info shows them: the partnership writes it,
    not the library that made it."""
    properties = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.author = properties.last_modified_by = text(author)
    properties.title, properties.subject = text(title), text(subject)
    properties.comments = properties.keywords = properties.category = ""
    properties.created = properties.modified = now
    properties.revision = 1


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, ...) at the end of `paragraph`, showing `shown` until Word
    works it out, as it does for page numbers each time it lays the pages out."""
    paragraph._p.append(_field_run("begin"))
    paragraph._p.append(_instruction_run(instruction))
    paragraph._p.append(_field_run("separate"))
    paragraph.add_run(shown)
    paragraph._p.append(_field_run("end"))


def running_header(document: WordDocument, left: str, right: str) -> None:
    """`left` and `right` at the top of every page, and "Page N of M" at the foot."""
    for section in document.sections:
        header = section.header.paragraphs[0]
        header.text = f"{text(left)}\t{text(right)}"
        footer = section.footer.paragraphs[0]
        footer.text = "\tPage "
        add_field(footer, "PAGE", "1")
        footer.add_run(" of ")
        add_field(footer, "NUMPAGES", "1")
        for paragraph in (header, footer):
            for run in paragraph.runs:
                run.font.size = Pt(9)


def keep_with_next(paragraph: Paragraph) -> Paragraph:
    """`paragraph` on the same page as the one after it: a heading or caption never ends one."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph


def table_pages(table: Table, *, keep_together_up_to: int = 20) -> None:
    """The header row repeated on every page the table runs to, no row split across two
    pages, and a table of up to `keep_together_up_to` rows kept on one page."""
    rows = list(table.rows)
    for index, row in enumerate(rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))
        if index < len(rows) - 1 and (index == 0 or len(rows) <= keep_together_up_to):
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark called `name` around `paragraph`'s text, for a contents list to link to."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def contents(document: WordDocument, entries: list[tuple[str, str]]) -> None:
    """A contents list of `entries` (heading, bookmark), each a link to its heading, written
    out so that it is right when the file opens. It is also Word's own table of contents
    field: "Update field" (or printing, where Word is set to update fields) adds page numbers
    but nobody has to do it for the list to be whole."""
    if not entries:
        return
    style = _contents_style(document)
    paragraphs = []
    for heading, anchor in entries:
        paragraph = document.add_paragraph(style=style)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        run = OxmlElement("w:r")
        words = OxmlElement("w:t")
        words.set(qn("xml:space"), "preserve")
        words.text = text(heading)
        run.append(words)
        link.append(run)
        paragraph._p.append(link)
        paragraphs.append(paragraph)
    first, last = paragraphs[0], paragraphs[-1]
    begin = [
        _field_run("begin"),
        _instruction_run('TOC \\o "1-1" \\h \\z \\u'),
        _field_run("separate"),
    ]
    anchor_at = 1 if first._p.pPr is not None else 0
    for offset, element in enumerate(begin):
        first._p.insert(anchor_at + offset, element)
    last._p.append(_field_run("end"))


def _field_run(kind: str) -> Any:
    run = OxmlElement("w:r")
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    run.append(mark)
    return run


def _instruction_run(instruction: str) -> Any:
    run = OxmlElement("w:r")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run.append(code)
    return run


def _contents_style(document: WordDocument) -> str:
    """Word's own style for the first level of a table of contents ("toc 1"), so that the list
    looks the same before and after Word updates it."""
    name = "toc 1"
    if name not in [style.name for style in document.styles]:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.space_after = Pt(4)
    return name
