"""A business manager brings their own tracker in and downloads a board report, in a browser
(issue 12): steps for browser tests to chain, after the manager has signed in.

Each step goes through the pages as a person does: the links and buttons they would press,
the labels they would read. `check(page)` is called on each page the manager sees (a
browser test checks it with axe-core and for console errors there).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from django.urls import reverse
from playwright.sync_api import FilePayload, Page

from casereview.testing.browser import click_through

# Called on each page a step reaches: an axe check, for example (as in testing.onboarding).
Check = Callable[[Page], None]

CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORD_LINK = "Word (the board paper, to edit)"


def nothing(page: Page) -> None:
    """A step's default look at each page: none."""


@dataclass(frozen=True)
class ValueFix:
    """One word of the tracker matched to another meaning than suggested: in the group of
    `field` (its label, "Decision"), the text `text` ("No review") means `meaning` (the label
    of an option, "Other review")."""

    field: str
    text: str
    meaning: str


def heading(page: Page) -> str:
    return (page.locator("h1").first.text_content() or "").strip()


def expect_heading(page: Page, expected: str) -> None:
    found = heading(page)
    if found != expected:
        problems = page.locator(".govuk-error-summary, #problems").all_text_contents()
        raise AssertionError(f"expected the page {expected!r}, on {found!r}: {problems}")


def manager_uploads_tracker(
    page: Page, base_url: str, data: bytes, file_name: str, *, check: Check = nothing
) -> None:
    """On the import page, upload the tracker as it is."""
    page.goto(urljoin(base_url, reverse("exchange:index")))
    check(page)
    kind = CSV_TYPE if file_name.lower().endswith(".csv") else XLSX_TYPE
    payload: FilePayload = {"name": file_name, "mimeType": kind, "buffer": data}
    page.get_by_label("Upload a file").set_input_files(files=[payload])
    click_through(page, "Check the file")


CHECK_PAGE = "Check what the import will do"
PROBLEMS_PAGE = "Your tracker cannot be imported yet"


def manager_accepts_suggested_mapping(
    page: Page, *, fix: ValueFix | None = None, check: Check = nothing, arrive_at: str = CHECK_PAGE
) -> None:
    """Accept the suggested sheets and columns, change one word's meaning (`fix`), and
    arrive at the check of what the import will do (or, `arrive_at=PROBLEMS_PAGE`, its problems)."""
    expect_heading(page, "Choose the sheets to import")
    check(page)
    click_through(page, "Continue")
    expect_heading(page, "Match the columns")
    check(page)
    click_through(page, "Continue")
    if heading(page) == "Match the words in your tracker":
        check(page)
        if fix is not None:
            group = page.get_by_role("group", name=fix.field, exact=True)
            group.get_by_label(fix.text, exact=True).select_option(label=fix.meaning)
        click_through(page, "Continue")
    elif fix is not None:
        raise AssertionError(f"no words to match, so none to change: {fix}")
    expect_heading(page, arrive_at)
    check(page)


def manager_confirms_import(page: Page, *, check: Check = nothing) -> str:
    """Import the records from the check page; the message the import page then shows."""
    expect_heading(page, CHECK_PAGE)
    click_through(page, "Import the records")
    expect_heading(page, "Import and export records")
    check(page)
    return page.locator(".govuk-notification-banner").first.text_content() or ""


def manager_imports_tracker(
    page: Page,
    base_url: str,
    data: bytes,
    file_name: str,
    *,
    fix: ValueFix | None = None,
    check: Check = nothing,
) -> str:
    """Upload the tracker, accept the suggested mapping but for one word (`fix`), check and
    import it: what the import page then says."""
    manager_uploads_tracker(page, base_url, data, file_name, check=check)
    manager_accepts_suggested_mapping(page, fix=fix, check=check)
    return manager_confirms_import(page, check=check)


def manager_downloads_board_report(
    page: Page, base_url: str, start: dt.date, end: dt.date, *, check: Check = nothing
) -> io.BytesIO:
    """On the reports page, choose the period and download the board paper (Word)."""
    page.goto(urljoin(base_url, reverse("reports:report")))
    check(page)
    for name, day in (("date_from", start), ("date_to", end)):
        for part, value in enumerate((day.day, day.month, day.year)):
            page.locator(f"#id_{name}_{part}").fill(str(value))
    click_through(page, "Show this period")
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=WORD_LINK).click()
    path = download.value.path()
    with open(path, "rb") as file:
        return io.BytesIO(file.read())
