"""Why an upload is refused when it is not what the import takes, and what to send instead:
the file is named by what it is (core.filekinds), never by its name."""

from __future__ import annotations

from casereview.core.filekinds import (
    EMPTY,
    OLD_EXCEL,
    OLD_WORD,
    OPENDOCUMENT_SPREADSHEET,
    PDF,
    WEB_PAGE,
    WORD,
    ZIP,
    described,
)

# What to do, for each kind that people send by mistake.
_INSTEAD = {
    PDF: "a PDF cannot be read back into records. Upload the spreadsheet or JSON document "
    "the records are kept in",
    WORD: "upload the spreadsheet the records are kept in, saved from Excel as an Excel "
    "workbook (.xlsx)",
    OLD_WORD: "upload the spreadsheet the records are kept in, saved from Excel as an Excel "
    "workbook (.xlsx)",
    OLD_EXCEL: "open it in Excel, choose File, Save As, Excel Workbook (.xlsx), and upload "
    "the saved copy",
    OPENDOCUMENT_SPREADSHEET: "open it in LibreOffice or Excel, save it as an Excel "
    "Workbook (.xlsx), and upload the saved copy",
    ZIP: "unzip it and upload the spreadsheet or JSON document inside",
    WEB_PAGE: "save the records as an Excel workbook (.xlsx) or download the JSON document "
    "again, rather than the page showing it",
    EMPTY: "the file holds nothing: check that it was saved, and upload it again",
}
_OTHERWISE = (
    "upload the spreadsheet (.xlsx) or JSON document the records are kept in, such as the "
    "template or an export from this service"
)


def wrong_kind(data: bytes, expected: str = "a spreadsheet or a JSON document") -> str:
    """Why a file is refused when it is not of the kind expected, and what to do:
    "This is a PDF, not a spreadsheet or a JSON document: a PDF cannot be read back…"."""
    kind = described(data)
    instead = _INSTEAD.get(kind or "", _OTHERWISE)
    if kind is None:
        return f"This file is not {expected}: {instead}."
    return f"This is {kind}, not {expected}: {instead}."
