"""An export is audited once its file exists: a download or file that failed was not exported."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casereview.actionplans import exports
from casereview.core.choices import AuditAction
from casereview.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def export_rows() -> int:
    return AuditEvent.objects.filter(action=AuditAction.EXPORT).count()


def test_an_export_command_that_cannot_write_its_file_leaves_no_export_row(
    tmp_path: Path,
) -> None:
    before = export_rows()
    err = io.StringIO()
    with pytest.raises(SystemExit) as stopped:
        call_command(
            "export",
            "--partnership",
            "OSCB",
            "-o",
            str(tmp_path / "no-such-folder" / "records.json"),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert stopped.value.code == 1 and "cannot write" in err.getvalue()
    assert export_rows() == before
    call_command("export", "--partnership", "OSCB", "-o", str(tmp_path / "r.json"), stderr=err)
    assert export_rows() == before + 1


def test_a_workbook_that_fails_to_be_written_is_not_audited_as_exported(
    client_as: Callable[..., Client], monkeypatch: Any
) -> None:
    def broken(*args: Any) -> bytes:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(exports, "action_plan_workbook", broken)
    client = client_as("manager")
    client.raise_request_exception = False
    before = export_rows()
    url = reverse("actionplans:monitoring-workbook", kwargs={"group": "executive"})
    assert client.get(url).status_code == 500
    assert export_rows() == before
