"""casereview import with a partnership's own tracker: the suggested mapping written, the
tracker imported with it (or only what would change said, with --dry-run), every problem in
words on stderr with exit 1, and exit 2 for a command line that does not make sense."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from casereview.exchange.files import as_json
from casereview.exchange.generator import generated_document
from casereview.exchange.tests.helpers import table_counts
from casereview.referrals.models import Referral
from casereview.testing.trackers import build_tracker

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int | str | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code: int | str | None = 0
    except SystemExit as stopped:
        code = stopped.code
    return code, out.getvalue(), err.getvalue()


def tracker(tmp_path: Path, style: str = "council", **kwargs: int) -> Path:
    data, name = build_tracker(style, **kwargs)  # type: ignore[arg-type]
    path = tmp_path / name
    path.write_bytes(data)
    return path


def suggested(tmp_path: Path, path: Path) -> Path:
    mapping = tmp_path / "mapping.json"
    code, out, err = run(
        "import", str(path), "--partnership", "OSCB", "--suggest-mapping", "-o", str(mapping)
    )
    assert code == 0 and out == ""
    assert f"Wrote the suggested mapping of {path} to {mapping}" in err
    return mapping


def test_the_suggested_mapping_goes_to_stdout_without_o(tmp_path: Path) -> None:
    code, out, err = run(
        "import", str(tracker(tmp_path)), "--partnership", "OSCB", "--suggest-mapping"
    )
    assert code == 0 and err == ""
    mapping = json.loads(out)
    assert mapping["format"] == "casereview-tracker-mapping"
    cases = mapping["sheets"][0]
    assert cases["columns"]["Date referred"] == "referral.received"
    assert cases["values"]["referral.referred_by"]["Police"] == "tvp"


def test_a_tracker_imports_with_its_mapping_and_again_changes_nothing(tmp_path: Path) -> None:
    path = tracker(tmp_path, "board", cases=5)
    mapping = suggested(tmp_path, path)
    code, out, err = run("import", str(path), "--partnership", "OSCB", "--mapping", str(mapping))
    assert code == 0 and out == ""
    assert f"Imported {path}: OSCB: " in err and "created" in err
    assert Referral.objects.filter(partnership__code="OSCB", reference="SCR-16-001").exists()
    code, _, err = run("import", str(path), "--partnership", "OSCB", "--mapping", str(mapping))
    assert code == 0 and "is already imported: nothing changed" in err


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    path = tracker(tmp_path, cases=3)
    mapping = suggested(tmp_path, path)
    before = table_counts()
    code, out, _ = run(
        "import", str(path), "--partnership", "OSCB", "--mapping", str(mapping), "--dry-run"
    )
    assert code == 0
    assert "would change OSCB's records (nothing was written)" in out
    assert "  referrals: 3 created" in out
    assert "  actions: 6 created" in out
    assert table_counts() == before


def test_a_dry_run_names_the_records_that_would_change(tmp_path: Path) -> None:
    path = tracker(tmp_path, cases=3)
    mapping = suggested(tmp_path, path)
    assert run("import", str(path), "--partnership", "OSCB", "--mapping", str(mapping))[0] == 0
    book = load_workbook(path)
    removed = book["Action plan"]["D5"].value
    book["Action plan"].delete_rows(5)
    book.save(path)
    code, out, _ = run(
        "import", str(path), "--partnership", "OSCB", "--mapping", str(mapping), "--dry-run"
    )
    assert code == 0
    assert f"Action '{removed}' removed" in out
    assert "  actions: 1 deleted" in out


def test_a_dry_run_of_a_document_says_what_would_change(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(as_json(generated_document(seed=3, code="DRY", referrals=2, reviews=1)))
    code, out, _ = run("import", str(path), "--dry-run")
    assert code == 0 and "  referrals: 2 created" in out
    assert run("import", str(path))[0] == 0  # the plain import still works


def test_a_wrong_tracker_exits_1_with_its_problems_in_words(tmp_path: Path) -> None:
    path = tracker(tmp_path, cases=4)
    mapping = suggested(tmp_path, path)
    book = load_workbook(path)
    book["SCR tracker"]["C5"] = "31/02/2019"
    book.save(path)
    before = table_counts()
    code, out, err = run("import", str(path), "--partnership", "OSCB", "--mapping", str(mapping))
    assert code == 1 and out == ""
    assert f"{path} was not imported: nothing was written." in err
    assert (
        "  SCR tracker sheet, column C (Date referred): 1 cell is not a date "
        "(row 5: '31/02/2019')" in err
    )
    assert "Traceback" not in err
    assert table_counts() == before


def test_a_pdf_or_a_mapping_that_is_not_one_exits_1(tmp_path: Path) -> None:
    pdf = tmp_path / "tracker.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n")
    code, _, err = run("import", str(pdf), "--partnership", "OSCB", "--suggest-mapping")
    assert code == 1 and "This is a PDF, not a spreadsheet" in err
    not_mapping = tmp_path / "mapping.json"
    not_mapping.write_text('{"format": "casereview-exchange"}')
    code, _, err = run(
        "import", str(tracker(tmp_path)), "--partnership", "OSCB", "--mapping", str(not_mapping)
    )
    assert code == 1 and "This is not a tracker mapping" in err
    not_mapping.write_text("{")
    code, _, err = run(
        "import", str(tracker(tmp_path)), "--partnership", "OSCB", "--mapping", str(not_mapping)
    )
    assert code == 1 and "is not a mapping: it is not JSON" in err


def test_an_unknown_partnership_exits_1_saying_how_to_add_it(tmp_path: Path) -> None:
    code, _, err = run(
        "import", str(tracker(tmp_path)), "--partnership", "NOPE", "--suggest-mapping"
    )
    assert code == 1 and "no partnership with code 'NOPE'" in err
    assert "casereview partnership add" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--mapping", "mapping.json"],
        ["--suggest-mapping"],
        ["--partnership", "OSCB", "--suggest-mapping", "--mapping", "m.json"],
        ["-o", "out.json"],
    ],
    ids=["mapping without partnership", "suggest without partnership", "both", "o alone"],
)
def test_a_wrong_command_line_exits_2(args: list[str]) -> None:
    command = [sys.executable, "-m", "casereview", "import", "tracker.xlsx", *args]
    environment = {**os.environ, "DEBUG": "1"}
    finished = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    assert finished.returncode == 2
    assert "usage:" in finished.stderr and "Traceback" not in finished.stderr
