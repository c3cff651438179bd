"""Control characters other than tab and newline are refused in an import's text, named by
JSON path or by sheet, row and column, and nothing is written; CR LF arrives as LF."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casereview.exchange.generator import generated_document
from casereview.exchange.models import PendingImport
from casereview.exchange.spreadsheet import workbook_of
from casereview.exchange.tests.helpers import table_counts, without_computed
from casereview.exchange.tests.test_commands import run
from casereview.exchange.tests.test_spreadsheet import edited
from casereview.referrals.models import Referral

pytestmark = pytest.mark.django_db


def a_document(code: str) -> dict:
    return without_computed(generated_document(seed=11, code=code, referrals=3, reviews=2))


def test_an_escaped_control_character_is_refused_on_the_page_by_its_path(
    client_as: Callable[..., Client],
) -> None:
    document = a_document("OSCB")
    document["referrals"][1]["summary"] = "Seen by\u0001 the GP"
    document["reviews"][0]["title"] = "Child\u001b"
    before = table_counts()
    response = client_as("manager").post(
        reverse("exchange:index"),
        {"document": SimpleUploadedFile("bell.json", json.dumps(document).encode())},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "$.referrals[1].summary" in text
    assert "Remove the control character U+0001 at character 8" in text
    assert "$.reviews[0].title" in text and "U+001B" in text
    assert not PendingImport.objects.exists() and table_counts() == before


def test_a_raw_control_character_in_json_is_named_by_its_path(tmp_path: Path) -> None:
    text = json.dumps(a_document("RAW"), ensure_ascii=False)
    text = text.replace('"Child 0"', '"Child\x0b0"', 1)
    path = tmp_path / "raw.json"
    path.write_text(text)
    before = table_counts()
    code, _, err = run("import", str(path))
    assert code == 1
    assert "$.children[0].pseudonym: Remove the control character U+000B at character 6" in err
    assert table_counts() == before


def test_tabs_and_line_breaks_are_kept_and_cr_lf_becomes_lf(tmp_path: Path) -> None:
    document = a_document("LINES")
    document["referrals"][0]["summary"] = "First line\r\nsecond\tline\rthird"
    path = tmp_path / "lines.json"
    path.write_text(json.dumps(document))
    code, _, err = run("import", str(path))
    assert code == 0, err
    stored = Referral.objects.get(external_key=document["referrals"][0]["id"])
    assert stored.summary == "First line\nsecond\tline\nthird"


def test_a_control_character_in_a_workbook_is_named_by_its_cell(tmp_path: Path) -> None:
    # Excel writes a control character typed in a cell as _x0007_ (XML cannot hold it).
    data = edited(workbook_of(a_document("CELLS")), "Reviews", "N2", "Ring _x0007_ twice")
    path = tmp_path / "bell.xlsx"
    path.write_bytes(data)
    before = table_counts()
    code, _, err = run("import", str(path))
    assert code == 1
    assert (
        "Reviews sheet, row 2, column N (summary): Remove the control character U+0007 at "
        "character 6"
    ) in err
    assert table_counts() == before
