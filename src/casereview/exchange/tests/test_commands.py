"""casereview import and export, as cli.md says every command behaves: exit 0, 1 for wrong
input with the reason on stderr and no traceback, 2 for a wrong command line; nothing
half-written; progress on a terminal only; JSON alone on stdout."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from casereview.accounts.models import Partnership
from casereview.core.models import AuditEvent
from casereview.exchange.files import as_json, seed_document
from casereview.exchange.generator import generated_document
from casereview.exchange.progress import TerminalProgress
from casereview.exchange.services import import_document
from casereview.exchange.spreadsheet import workbook_of
from casereview.exchange.tests.helpers import in_version_2, table_counts, without_computed
from casereview.testing.commands import casereview_process

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int | str | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code: int | str | None = 0
    except SystemExit as stopped:
        code = stopped.code
    return code, out.getvalue(), err.getvalue()


def test_import_then_import_again(tmp_path: Path) -> None:
    path = tmp_path / "oscb.json"
    path.write_text(as_json(seed_document()))
    code, out, err = run("import", str(path))
    assert code == 0 and out == ""
    assert "Imported" in err and "created" in err and "\r" not in err
    code, _, err = run("import", str(path))
    assert code == 0 and "nothing changed" in err


def test_a_wrong_document_exits_1_naming_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    document = generated_document(seed=8, code="CLI", referrals=3, reviews=1)
    document["agencies"][0]["kind"] = "constabulary"
    document["referrals"][1]["received"] = "2016-13-01"
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(document))
    before = table_counts()
    code, out, err = run("import", str(path))
    assert code == 1 and out == ""
    assert f"{path} was not imported: nothing was written." in err
    assert "$.agencies[0].kind: 'constabulary' is not one of the allowed values" in err
    assert "$.referrals[1].received: '2016-13-01' is not a real date" in err
    assert "Traceback" not in err
    assert table_counts() == before


def test_a_missing_file_or_one_that_is_not_json_exits_1(tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "absent.json"))
    assert code == 1 and "cannot read" in err and "No such file" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ')
    code, _, err = run("import", str(broken))
    assert (
        code == 1 and "the file: The JSON document cannot be read from line 1, column 12 on" in err
    )


def test_a_filled_template_imports_and_its_problems_name_cells(tmp_path: Path) -> None:
    document = generated_document(seed=9, code="SHEET", referrals=4, reviews=2)
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(workbook_of(document))
    assert run("import", str(path))[0] == 0
    document["reviews"][1]["status"] = "done"
    path.write_bytes(workbook_of(document))
    code, _, err = run("import", str(path))
    assert code == 1
    assert (
        "Reviews sheet, row 3, column M (status): 'done' is not one of the allowed values: "
        "choose one of active, on_hold"
    ) in err


def test_export_writes_json_alone_to_stdout_and_is_audited(partnership: Partnership) -> None:
    import_document(seed_document())
    exports = AuditEvent.objects.filter(action="export").count()
    code, out, err = run("export", "--partnership", "OSCB")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert without_computed(document, references=True) == without_computed(
        in_version_2(seed_document()), references=True
    )
    assert AuditEvent.objects.filter(action="export").count() == exports + 1
    row = AuditEvent.objects.filter(action="export").order_by("-id").first()
    assert row is not None
    assert row.actor_username == "casereview export" and row.partnership == partnership


def test_export_to_a_file_and_as_a_workbook(tmp_path: Path, partnership: Partnership) -> None:
    target = tmp_path / "out.json"
    code, out, err = run("export", "--partnership", "OSCB", "-o", str(target))
    assert code == 0 and out == "" and "Wrote OSCB's records" in err
    assert json.loads(target.read_text())["partnership"]["code"] == "OSCB"
    book = tmp_path / "out.xlsx"
    assert run("export", "--partnership", "OSCB", "--format", "xlsx", "-o", str(book))[0] == 0
    assert book.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_of_an_unknown_partnership_exits_1() -> None:
    code, out, err = run("export", "--partnership", "NOPE")
    assert code == 1 and out == ""
    assert "no partnership with code 'NOPE'" in err and "OSCB" in err


def test_a_workbook_is_not_written_to_stdout() -> None:
    with pytest.raises(CommandError, match="--format xlsx needs -o FILE"):
        call_command("export", partnership="OSCB", format="xlsx", stdout=io.StringIO())


@pytest.mark.parametrize(
    "args",
    [["export"], ["export", "--partnership", "OSCB", "--format", "csv"], ["import"]],
    ids=["no partnership", "unknown format", "no file"],
)
def test_a_wrong_command_line_exits_2(args: list[str]) -> None:
    finished = casereview_process(*args, env={**os.environ, "DEBUG": "1"})
    assert finished.returncode == 2
    assert "usage:" in finished.stderr and "Traceback" not in finished.stderr


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_not_when_piped() -> None:
    terminal, piped = FakeTerminal(), io.StringIO()
    for stream in (terminal, piped):
        progress = TerminalProgress(stream, interval=0)
        progress("creating referrals", 1000, 10000)
        progress("creating referrals", 10000, 10000)
        progress.finish()
    assert "\rcreating referrals: 1000 of 10000" in terminal.getvalue()
    assert "10000 of 10000" in terminal.getvalue()
    assert piped.getvalue() == ""


def test_a_long_import_reports_its_progress_on_a_terminal() -> None:
    stages: list[tuple[str, int, int]] = []
    document = generated_document(seed=10, code="LONG", referrals=1200, reviews=2)
    import_document(document, progress=lambda *step: stages.append(step))
    assert ("creating referrals", 1000, 1200) in stages
    assert ("creating referrals", 1200, 1200) in stages
    assert stages[0] == ("checking", 0, 1)
