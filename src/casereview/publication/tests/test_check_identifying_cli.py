"""`casereview check-identifying FILE` as a person runs it: the real command, in a process of
its own, on a PDF, a Word document and a text file made here."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from casereview.documents.tests.files import a_linux_program, a_pdf_of_pages, a_word_document
from casereview.testing.commands import casereview_process

PAGE_ONE = "Child J was seen at home by the health visitor on 3 March 2016."
PAGE_TWO = "Child J's mother, Mrs Okonkwo, gave the number 020 7946 0123."
CLEAN = "Thames Valley Police held a strategy discussion about Child J on 3 March 2016."


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return casereview_process("check-identifying", *args)


def lines_of(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_pdfs_findings_are_json_lines_with_their_page(tmp_path: Path) -> None:
    report = tmp_path / "overview.pdf"
    report.write_bytes(a_pdf_of_pages([PAGE_ONE, PAGE_TWO]))
    result = check(str(report), "--pseudonym", "Child J")
    assert result.returncode == 1, result.stderr
    found = lines_of(result)
    assert [(f["kind"], f["text"], f["page"]) for f in found] == [
        ("name", "Okonkwo", 2),
        ("phone", "020 7946 0123", 2),
    ]
    assert all(list(f) == ["kind", "text", "page", "context"] for f in found)
    assert "Mrs Okonkwo, gave the number" in str(found[0]["context"])
    assert result.stderr == ""


def test_a_word_document_is_read_and_allow_and_pseudonym_are_honoured(tmp_path: Path) -> None:
    report = tmp_path / "report.docx"
    report.write_bytes(a_word_document("Baby L's key worker, Siobhan Kelly, met Baby J."))
    found = lines_of(check(str(report), "--pseudonym", "Baby L"))
    assert [(f["kind"], f["text"]) for f in found] == [
        ("name", "Siobhan Kelly"),
        ("pseudonym_inconsistent", "Baby J"),
    ]
    result = check(
        str(report), "--pseudonym", "Baby L", "--pseudonym", "Baby J", "--allow", "Siobhan Kelly"
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_clean_text_prints_nothing_and_exits_0(tmp_path: Path) -> None:
    text = tmp_path / "summary.txt"
    text.write_text(f"{CLEAN}\n\nThe GP and the designated nurse attended.")
    result = check(str(text), "--pseudonym", "Child J", "--allow", "Thames Valley Police")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_text_files_pages_are_split_on_form_feeds(tmp_path: Path) -> None:
    text = tmp_path / "summary.txt"
    text.write_text(f"{CLEAN}\f{CLEAN}\fThe car, AB12 CDE, was seen.")
    found = lines_of(check(str(text), "--pseudonym", "Child J"))
    assert [(f["kind"], f["page"]) for f in found] == [("vehicle", 3)]


def test_a_missing_file_exits_1_saying_so_without_a_traceback(tmp_path: Path) -> None:
    result = check(str(tmp_path / "nowhere.pdf"))
    assert result.returncode == 1 and result.stdout == ""
    assert "cannot read" in result.stderr and "nowhere.pdf" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 3


def test_a_file_that_is_not_a_document_exits_1_saying_what_it_is(tmp_path: Path) -> None:
    program = tmp_path / "report.pdf"
    program.write_bytes(a_linux_program())
    result = check(str(program))
    assert result.returncode == 1 and result.stdout == ""
    assert "is a program" in result.stderr and "a PDF, a Word document" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_text_file_exits_1_saying_there_is_no_text(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = check(str(empty))
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr


def test_a_wrong_option_exits_2(tmp_path: Path) -> None:
    result = check(str(tmp_path / "x.txt"), "--pseudonyms", "Child J")
    assert result.returncode == 2 and "usage: casereview check-identifying" in result.stderr
    assert check().returncode == 2  # no FILE
