"""Files too large, too deep or too packed are refused at once, with what to do, on the
import page (400, the error summary) and by `casereview import` (exit 1), writing nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casereview.exchange.files import as_json
from casereview.exchange.generator import generated_document
from casereview.exchange.models import PendingImport
from casereview.exchange.spreadsheet import workbook_of
from casereview.exchange.tests.helpers import table_counts, without_computed
from casereview.exchange.tests.test_commands import run
from casereview.testing.fixtures import signed_in

if TYPE_CHECKING:
    # What the test client answers, with .content, .context and the rest (django-stubs).
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

PARTNERSHIP_SHEET = "xl/worksheets/sheet3.xml"  # the template's third sheet
AGENCIES_SHEET = "xl/worksheets/sheet4.xml"


def upload(client: Client, name: str, body: bytes) -> TestResponse:
    return client.post(reverse("exchange:index"), {"document": SimpleUploadedFile(name, body)})


def nested(depth: int) -> bytes:
    return b'{"format": ' + b"[" * depth + b"]" * depth + b"}"


def with_part(workbook: bytes, part: str, write: Callable[[IO[bytes]], None]) -> bytes:
    """The workbook with one part written anew by `write`, streamed so it stays small here."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == part:
                with target.open(part, "w") as stream:
                    write(stream)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def sheet(rows: Callable[[IO[bytes]], None]) -> Callable[[IO[bytes]], None]:
    def write(stream: IO[bytes]) -> None:
        stream.write(
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c>'
            b'<c r="B1" t="inlineStr"><is><t>name</t></is></c>'
            b'<c r="C1" t="inlineStr"><is><t>nation</t></is></c></row>'
        )
        rows(stream)
        stream.write(b"</sheetData></worksheet>")

    return write


def zip_bomb() -> bytes:
    """A workbook of about 200 KB whose Agencies sheet unpacks to 64 MB of identical rows."""
    row = b'<row><c t="inlineStr"><is><t>Invented agency</t></is></c></row>' * 1000

    def rows(stream: IO[bytes]) -> None:
        for _ in range(1000):
            stream.write(row)

    return with_part(workbook_of(None), AGENCIES_SHEET, sheet(rows))


def far_row() -> bytes:
    """A workbook whose Partnership sheet has its second row at row 1,048,576: read as it is,
    a million empty rows before it."""

    def rows(stream: IO[bytes]) -> None:
        stream.write(
            b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>FAR</t></is></c></row>'
        )

    return with_part(workbook_of(None), PARTNERSHIP_SHEET, sheet(rows))


def assert_refused_on_the_page(client: Client, name: str, body: bytes, message: str) -> None:
    before = table_counts()
    response = upload(client, name, body)
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and "govuk-error-summary" in text
    assert message in text
    assert not PendingImport.objects.exists() and table_counts() == before


def assert_refused_by_the_command(path: Path, message: str) -> None:
    before = table_counts()
    code, out, err = run("import", str(path))
    assert code == 1 and out == ""
    assert f"{path} was not imported: nothing was written." in err
    assert message in err and "Traceback" not in err
    assert table_counts() == before


def test_json_nested_a_thousand_deep_is_refused_on_the_page(
    client_as: Callable[..., Client],
) -> None:
    assert_refused_on_the_page(client_as("manager"), "deep.json", nested(1000), "more than 20 deep")


def test_nesting_is_counted_outside_text_only(tmp_path: Path) -> None:
    document = without_computed(generated_document(seed=4, code="DEEP", referrals=2, reviews=1))
    document["referrals"][0]["summary"] = '[[[{{{ "quoted \\" [[[ ' * 40
    fine = tmp_path / "brackets-in-text.json"
    fine.write_text(as_json(document))
    code, _, err = run("import", str(fine))
    assert code == 0, err
    deep = tmp_path / "deep.json"
    deep.write_bytes(nested(5000))
    assert_refused_by_the_command(deep, "more than 20 deep: an exchange document nests 9 deep")


def test_more_records_than_the_limit_are_refused_before_reading_them(
    client_as: Callable[..., Client],
) -> None:
    body = b'{"agencies": [' + b",".join([b"{}"] * 150_001) + b"]}"
    assert_refused_on_the_page(
        client_as("manager"), "many.json", body, "the import takes up to 150,000 at once"
    )


def test_more_values_than_the_limit_are_refused_before_reading_them(tmp_path: Path) -> None:
    path = tmp_path / "values.json"
    path.write_bytes(b'{"glossary": [' + b",".join([b"[]"] * 2_000_001) + b"]}")
    assert_refused_by_the_command(path, "the import takes up to 2,000,000 at once")


def test_a_number_of_thousands_of_digits_is_a_problem_not_an_error(
    client_as: Callable[..., Client],
) -> None:
    body = b'{"version": ' + b"9" * 5000 + b"}"
    assert_refused_on_the_page(
        client_as("manager"), "digits.json", body, "A number in the file has more than 4,300 digits"
    )


def test_a_file_over_50_mb_is_refused_on_the_page(client_as: Callable[..., Client]) -> None:
    body = b" " * (50 * 1024 * 1024 + 1)
    assert_refused_on_the_page(
        client_as("manager"),
        "big.json",
        body,
        "The selected file is larger than 50 MB: the import takes files of up to that size. "
        "Split the records into smaller files",
    )


def test_a_file_over_50_mb_is_refused_by_the_command_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as file:
        file.truncate(60 * 1024 * 1024)  # sparse: takes no room on disk
    assert_refused_by_the_command(path, "The file is 60 MB: the import takes files of up to 50 MB")


def test_a_zip_bomb_workbook_is_refused_on_the_page(client_as: Callable[..., Client]) -> None:
    body = zip_bomb()
    assert len(body) < 300_000
    assert_refused_on_the_page(
        client_as("manager"), "bomb.xlsx", body, "the import takes up to 100 times"
    )


def test_a_zip_bomb_workbook_is_refused_by_the_command(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_bomb())
    assert_refused_by_the_command(path, "unpacks to")


def test_a_workbook_of_more_rows_than_the_limit_is_refused(
    client_as: Callable[..., Client],
) -> None:
    assert_refused_on_the_page(
        client_as("manager"),
        "far.xlsx",
        far_row(),
        "The workbook has more than 200,000 rows (filled or empty)",
    )


def test_the_page_still_refuses_an_upload_without_its_security_token(demo_user: Callable) -> None:
    # The page sets its upload handlers before the CSRF check reads the body, so it makes
    # that check itself rather than leaving it to the middleware.
    client = signed_in(demo_user("manager", "OSCB"), Client(enforce_csrf_checks=True))
    document = without_computed(generated_document(seed=5, code="OSCB", referrals=3, reviews=2))
    response = upload(client, "fine.json", json.dumps(document).encode())
    assert response.status_code == 403
    assert not PendingImport.objects.exists()
