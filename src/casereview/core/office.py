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
