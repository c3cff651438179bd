"""casereview backup and restore, and the restore drill: back up, destroy, restore, and find
nothing lost, on whichever database the suite runs on (SQLite, or PostgreSQL in CI).

Transactional: a backup reads what is committed (pg_dump is another process), and a restore
replaces tables, which neither database does inside a test's rolled-back transaction.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from casereview.accounts.models import Partnership
from casereview.actionplans.services import add_progress_update
from casereview.core.models import AuditEvent
from casereview.referrals.models import Referral
from casereview.testing.commands import casereview_process
from casereview.testing.fixtures import DEMO_PASSWORD, HOME_CODE
from casereview.testing.records import make_action, make_referral, make_review

Migration = tuple[str, str]
transactional = pytest.mark.django_db(transaction=True)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*args: str, stderr: io.StringIO | None = None) -> tuple[int | str | None, str]:
    err = stderr if stderr is not None else io.StringIO()
    try:
        call_command(*args, stdout=io.StringIO(), stderr=err)
        code: int | str | None = 0
    except SystemExit as stopped:
        code = stopped.code
    return code, err.getvalue()


@pytest.fixture(autouse=True)
def own_anchor(tmp_path: Path, settings: Any) -> None:
    """The audit trail's anchor of these tests alone: other transactional tests move theirs."""
    settings.AUDIT_ANCHOR_PATH = str(tmp_path / "anchor" / "anchor.json")


@pytest.fixture
def tables_put_back(transactional_db: None) -> Iterator[None]:
    """If a test stops between destroying the database and restoring it, the tests after it
    still find the tables."""
    yield
    if "django_migrations" not in connection.introspection.table_names():
        call_command("migrate", verbosity=0)


def load_demo(*, seed: bool = True) -> Partnership:
    call_command(
        "demo",
        password=DEMO_PASSWORD,
        without_seed=not seed,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return Partnership.objects.get(code=HOME_CODE)


def everything() -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of its rows, read in a fixed order."""
    found: dict[str, tuple[int, str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        found[model._meta.db_table] = (len(rows), checksum(rows))
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table not in found:  # django_migrations, and any table without a model
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
                rows = cursor.fetchall()
                found[table] = (len(rows), checksum(rows))
    return found


def checksum(rows: list[Any]) -> str:
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def destroy_the_database() -> None:
    """Every table dropped, as a lost disk or a wrong command would leave it. On SQLite a
    full-text table (search's) takes its own tables with it when dropped: IF EXISTS."""
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.constraint_checks_disabled(), connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}{cascade}")
    assert connection.introspection.table_names() == []


@transactional
def test_the_restore_drill_backs_up_destroys_restores_and_loses_nothing(
    tmp_path: Path, tables_put_back: None
) -> None:
    partnership = load_demo()
    referral = make_referral(partnership, summary="Written just before the backup.")
    make_review(partnership)
    add_progress_update(
        make_action(partnership), date=None, text="Training booked.", acting_user=None
    )
    folder = tmp_path / "backups"
    folder.mkdir()
    backup = folder / "nightly.backup"

    code, said = run("backup", "-o", str(backup))
    assert code == 0, said
    assert f"to {backup}" in said
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # it holds every record
    assert list(folder.iterdir()) == [backup]  # nothing left beside it
    before = everything()
    assert before["core_auditevent"][0] > 50
    assert AuditEvent.objects.order_by("-id")[0].object_repr.startswith(
        "The whole database, backed up to"
    )

    destroy_the_database()
    code, said = run("restore", str(backup))
    assert code == 0, said
    assert "Restored" in said and "The audit trail is intact" in said

    assert run("audit", "verify")[0] == 0
    assert everything() == before
    assert Referral.objects.get(pk=referral.pk).summary == "Written just before the backup."


@transactional
def test_restore_refuses_a_database_with_records_unless_forced(tmp_path: Path) -> None:
    partnership = load_demo(seed=False)
    backup = tmp_path / "before.backup"
    assert run("backup", "-o", str(backup))[0] == 0
    before = everything()
    written_after = make_referral(partnership)

    code, said = run("restore", str(backup))
    assert code == 1
    assert "is not empty: it holds 2 partnerships" in said and "add --force" in said
    assert "Traceback" not in said
    assert Referral.objects.filter(pk=written_after.pk).exists()

    code, said = run("restore", str(backup), "--force")
    assert code == 0, said
    assert not Referral.objects.filter(pk=written_after.pk).exists()
    assert everything() == before
    # The trail's anchor, outside the database, remembers the rows written after the backup.
    assert "The audit trail does not verify" in said and "`casereview audit anchor`" in said
    assert run("audit", "verify")[0] == 1
    assert run("audit", "anchor")[0] == 0
    assert run("audit", "verify")[0] == 0


@contextlib.contextmanager
def backed_up_with_migrations(
    backup: Path, *, added: Migration | None = None, removed: Migration | None = None
) -> Iterator[None]:
    """A backup whose django_migrations has a row added or removed, as a backup made by newer
    or older code has; the test database's own rows are put back afterwards, whatever happens,
    for the migration tests that run after these."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name, applied FROM django_migrations")
        rows = cursor.fetchall()
    try:
        change_migration_rows(added=added, removed=removed)
        assert run("backup", "-o", str(backup))[0] == 0
        change_migration_rows(added=removed, removed=added)
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_migrations")
            for row in rows:
                cursor.execute(
                    "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)", row
                )


def change_migration_rows(*, added: Migration | None, removed: Migration | None) -> None:
    with connection.cursor() as cursor:
        if added is not None:
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
                [*added, timezone.now()],
            )
        if removed is not None:
            cursor.execute(
                "DELETE FROM django_migrations WHERE app = %s AND name = %s", list(removed)
            )


def applied(app: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM django_migrations WHERE app = %s", [app])
        return [name for (name,) in cursor.fetchall()]


@transactional
def test_a_backup_made_by_newer_code_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    backup = tmp_path / "newer.backup"
    with backed_up_with_migrations(backup, added=("core", "9999_from_a_later_release")):
        before = everything()
        code, said = run("restore", str(backup), "--force")
        assert code == 1
        assert "was made by newer code" in said and "core.9999_from_a_later_release" in said
        assert everything() == before


@transactional
def test_a_backup_made_by_older_code_is_restored_and_says_to_migrate(tmp_path: Path) -> None:
    backup = tmp_path / "older.backup"
    latest = ("core", max(applied("core")))
    with backed_up_with_migrations(backup, removed=latest):
        code, said = run("restore", str(backup), "--force")
        assert code == 0, said
        assert "made by older code (1 migration not applied in it)" in said
        assert "run `casereview migrate`" in said
        assert latest[1] not in applied("core")


def a_file_of_the_other_kind(folder: Path) -> Path:
    path = folder / "other-kind.backup"
    if connection.vendor == "sqlite":
        path.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(200))
    else:
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE django_migrations (app, name)")
        other.close()
    return path


@pytest.mark.django_db
def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path: Path) -> None:
    other, here = {"sqlite": ("PostgreSQL", "SQLite"), "postgresql": ("SQLite", "PostgreSQL")}[
        connection.vendor
    ]
    path = a_file_of_the_other_kind(tmp_path)
    code, said = run("restore", str(path), "--force")
    assert code == 1
    assert f"is a backup of {other}, and this database is {here}" in said
    assert Partnership.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_no_backup_or_is_missing_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of the subgroup.")
    code, said = run("restore", str(notes), "--force")
    assert code == 1
    assert f"{notes} is not a casereview backup" in said

    code, said = run("restore", str(tmp_path / "nowhere.backup"))
    assert code == 1
    assert "cannot read" in said and "nowhere.backup: No such file or directory" in said
    assert Partnership.objects.exists()


@transactional
def test_a_backup_that_cannot_be_written_leaves_no_file_and_records_nothing(tmp_path: Path) -> None:
    code, said = run("backup", "-o", str(tmp_path / "no-such-folder" / "x.backup"))
    assert code == 1
    assert "cannot write" in said and "No such file or directory" in said
    assert not (tmp_path / "no-such-folder").exists()
    assert not AuditEvent.objects.filter(actor_username="casereview backup").exists()


@transactional
def test_progress_shows_on_a_terminal_and_not_when_piped(tmp_path: Path) -> None:
    terminal = FakeTerminal()
    assert run("backup", "-o", str(tmp_path / "a.backup"), stderr=terminal)[0] == 0
    piped = io.StringIO()
    assert run("backup", "-o", str(tmp_path / "b.backup"), stderr=piped)[0] == 0
    assert "\r" in terminal.getvalue()
    assert "\r" not in piped.getvalue()
    assert piped.getvalue().startswith("Backed up the")


@pytest.mark.parametrize("args", [["backup"], ["restore"], ["restore", "a", "b"]])
def test_a_wrong_command_line_exits_2(args: list[str]) -> None:
    finished = casereview_process(*args, env={**os.environ, "DEBUG": "1"})
    assert finished.returncode == 2
    assert "usage:" in finished.stderr and "Traceback" not in finished.stderr
