"""Backups of the whole database, and restoring one: `casereview backup` and `casereview restore`.

A backup is the database's own format, so that the database's own tools read it too:
- SQLite: a copy made with SQLite's online backup API, itself an SQLite database. The copy is
  taken in one step, under a read lock, so it is consistent while the service runs (writers
  wait for it; a copy taken page by page would start again each time someone wrote).
- PostgreSQL: `pg_dump --format=custom`, which reads one snapshot while the service runs.
Restore tells the two apart by the file's first bytes, and refuses the wrong kind.

Neither holds the audit trail's key (AUDIT_KEY) nor its anchor file: both live outside the
database, and a restored trail verifies only with the same key (docs/backups.md).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import OutputWrapper
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from casereview.core import audit
from casereview.core.choices import AuditAction

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
KIND_NAMES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}
FILE_HEADERS = {SQLITE: b"SQLite format 3\x00", POSTGRESQL: b"PGDMP"}
# How DATABASE_URL names a database of each kind.
SET_TO = {
    SQLITE: "DATABASE_URL unset (the embedded database) or sqlite:///PATH",
    POSTGRESQL: "DATABASE_URL=postgres://USER@HOST:PORT/NAME",
}
MIGRATIONS_TABLE = "django_migrations"
# libpq's environment variables for the connection options dj-database-url passes on.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}

Migration = tuple[str, str]


class BackupRefused(Exception):
    """Wrong input: the message says what is wrong, and where."""


@dataclass(frozen=True)
class BackupContents:
    """What restore needs to know of a backup before it touches the database."""

    kind: str
    tables: frozenset[str]
    migrations: frozenset[Migration]


@dataclass(frozen=True)
class SchemaDifference:
    """A backup's migrations against this code's: those it does not know (the backup was made
    by newer code) and those not applied in the backup (made by older code)."""

    unknown: list[Migration]
    unapplied: list[Migration]


# Which kind of database, which kind of file


def database_kind() -> str:
    if connection.vendor not in KIND_NAMES:
        raise BackupRefused(f"backups are made of SQLite or PostgreSQL, not {connection.vendor}")
    return connection.vendor


def file_kind(path: Path) -> str:
    try:
        with path.open("rb") as file:
            start = file.read(16)
    except OSError as wrong:
        raise BackupRefused(f"cannot read {path}: {wrong.strerror or wrong}") from None
    for kind, header in FILE_HEADERS.items():
        if start.startswith(header):
            return kind
    raise BackupRefused(
        f"{path} is not a casereview backup: it is neither an SQLite database nor a "
        "PostgreSQL dump (pg_dump --format=custom)"
    )


def check_kind_matches(path: Path, kind: str) -> None:
    here = database_kind()
    if kind != here:
        raise BackupRefused(
            f"{path} is a backup of {KIND_NAMES[kind]}, and this database is "
            f"{KIND_NAMES[here]} ({where_the_database_is()}): restore it with {SET_TO[kind]}"
        )


def where_the_database_is() -> str:
    if database_kind() == SQLITE:
        return f"the file {connection.settings_dict['NAME']}"
    return f"the database {connection.settings_dict['NAME']!r}"


# Backing up


def back_up(path: Path, progress: Progress) -> int:
    """Write a backup of the whole database to `path` (whole, or not at all); its size."""
    kind = database_kind()
    if MIGRATIONS_TABLE not in connection.introspection.table_names():
        raise BackupRefused(
            f"{where_the_database_is()} holds no casereview tables: nothing to back up"
        )
    # pg_dump is looked for first: a backup that cannot be made records nothing.
    copy = copy_sqlite if kind == SQLITE else functools.partial(dump_postgresql, program("pg_dump"))
    with written_whole(path) as temporary:
        # Recorded once the file can be written, and before the copy is taken, so that the
        # backup holds its own row: the trail's anchor then points at a row that a restored
        # database has, and `audit verify` passes after restoring the latest backup.
        audit.record(
            AuditAction.EXPORT,
            actor_username="casereview backup",
            object_repr=f"The whole database, backed up to {path}",
        )
        copy(temporary, progress)
    return path.stat().st_size


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, readable by its owner only, renamed into place once
    written; removed if writing fails."""
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as wrong:
        raise BackupRefused(f"cannot write {path}: {wrong.strerror or wrong}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as wrong:
        raise BackupRefused(f"cannot write {path}: {wrong.strerror or wrong}") from None
    finally:
        temporary.unlink(missing_ok=True)


def copy_sqlite(target: Path, progress: Progress) -> None:
    connection.ensure_connection()
    progress(f"copying the SQLite database {connection.settings_dict['NAME']}")
    try:
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
            # The copy reads alone, without a journal beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as wrong:
        raise BackupRefused(f"the database was not backed up ({wrong})") from None


def dump_postgresql(pg_dump: str, target: Path, progress: Progress) -> None:
    command = [
        pg_dump,
        "--format=custom",
        "--no-password",
        f"--file={target}",
        *(["--verbose"] if progress.enabled else []),
    ]
    run_postgresql_tool(command, progress, "the database was not backed up ({errors})")


# Reading a backup before restoring it


def read_backup(path: Path) -> BackupContents:
    kind = file_kind(path)
    check_kind_matches(path, kind)
    contents = read_sqlite_backup(path) if kind == SQLITE else read_postgresql_backup(path)
    if MIGRATIONS_TABLE not in contents.tables:
        raise BackupRefused(
            f"{path} is not a casereview backup: it has no {MIGRATIONS_TABLE} table"
        )
    return contents


def read_sqlite_backup(path: Path) -> BackupContents:
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as backup:
            (check,) = backup.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise BackupRefused(f"{path} is damaged: SQLite's check says {check}")
            tables = frozenset(
                name
                for (name,) in backup.execute("SELECT name FROM sqlite_master WHERE type='table'")
            )
            migrations: frozenset[Migration] = frozenset()
            if MIGRATIONS_TABLE in tables:
                rows = backup.execute(f"SELECT app, name FROM {MIGRATIONS_TABLE}")  # noqa: S608
                migrations = frozenset((app, name) for app, name in rows)
    except sqlite3.DatabaseError as wrong:
        raise BackupRefused(f"{path} is damaged: SQLite cannot read it ({wrong})") from None
    return BackupContents(SQLITE, tables, migrations)


TABLE_IN_LIST = re.compile(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ")


def read_postgresql_backup(path: Path) -> BackupContents:
    listing = pg_restore_output(["--list", str(path)], path)
    tables = frozenset(
        found.group(1) for line in listing.splitlines() if (found := TABLE_IN_LIST.match(line))
    )
    migrations: frozenset[Migration] = frozenset()
    if MIGRATIONS_TABLE in tables:
        data = pg_restore_output(
            ["--data-only", f"--table={MIGRATIONS_TABLE}", "--file=-", str(path)], path
        )
        migrations = frozenset(copied_migrations(data))
    return BackupContents(POSTGRESQL, tables, migrations)


def copied_migrations(script: str) -> Iterator[Migration]:
    """The (app, name) of each row of the COPY into django_migrations in a restore script."""
    copying = False
    for line in script.splitlines():
        if line.startswith(f"COPY public.{MIGRATIONS_TABLE} "):
            copying = True
        elif copying and line == "\\.":
            return
        elif copying:
            _id, app, name, *_ = line.split("\t")
            yield app, name


def pg_restore_output(arguments: list[str], path: Path) -> str:
    finished = subprocess.run(  # noqa: S603 (arguments are ours and the file's name)
        [program("pg_restore"), *arguments],
        capture_output=True,
        text=True,
        env=postgresql_environment(),
        check=False,
    )
    if finished.returncode != 0:
        raise BackupRefused(
            f"{path} cannot be read as a PostgreSQL backup: {tool_errors(finished.stderr)}"
        )
    return finished.stdout


# The schema: this code's migrations against the backup's


def schema_difference(applied: frozenset[Migration]) -> SchemaDifference:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    unknown = sorted(key for key in applied if key[0] in loader.migrated_apps and key not in known)
    unapplied = sorted(
        key
        for key, migration in loader.graph.nodes.items()
        if key not in applied
        and not (migration.replaces and all(old in applied for old in migration.replaces))
    )
    return SchemaDifference(unknown, unapplied)


# What the database holds now


def records_held() -> dict[str, int]:
    """The rows that make a database not empty: partnerships, people and audit rows."""
    models = {
        "partnerships": apps.get_model("accounts", "Partnership"),
        "people": apps.get_model(settings.AUTH_USER_MODEL),
        "audit rows": apps.get_model("core", "AuditEvent"),
    }
    tables = set(connection.introspection.table_names())
    return {
        what: model._base_manager.count()
        for what, model in models.items()
        if model._meta.db_table in tables
    }


# Restoring


def restore(path: Path, contents: BackupContents, progress: Progress) -> None:
    """Replace the whole database with the backup, in one transaction."""
    if contents.kind == SQLITE:
        restore_sqlite(path, progress)
    else:
        restore_postgresql(path, contents, progress)
    ContentType.objects.clear_cache()


def restore_sqlite(path: Path, progress: Progress) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise RuntimeError("a database is restored outside a transaction")
    progress(f"restoring {path} into {connection.settings_dict['NAME']}")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as backup:
            # One step: the whole copy is one write transaction on the database.
            backup.backup(connection.connection)
    except sqlite3.Error as wrong:
        raise BackupRefused(
            f"{path} was not restored ({wrong}): the database is as it was"
        ) from None


def restore_postgresql(path: Path, contents: BackupContents, progress: Progress) -> None:
    extra = sorted(set(connection.introspection.table_names()) - contents.tables)
    if extra:
        listed = ", ".join(extra[:5]) + (f" and {len(extra) - 5} more" if len(extra) > 5 else "")
        raise BackupRefused(
            f"{where_the_database_is()} has tables the backup {path} does not ({listed}), "
            "made by migrations newer than the backup: restore it into an empty database "
            "(dropdb, createdb), then run `casereview migrate`"
        )
    command = [
        program("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--no-password",
        f"--dbname={connection.settings_dict['NAME']}",
        *(["--verbose"] if progress.enabled else []),
        str(path),
    ]
    connection.close()  # holds no lock on a table pg_restore drops
    run_postgresql_tool(
        command, progress, f"{path} was not restored ({{errors}}): the database is as it was"
    )


# Running PostgreSQL's tools


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupRefused(
            f"{name} is not installed: install PostgreSQL's client programs "
            "(Debian's postgresql-client; `make system`)"
        )
    return found


def postgresql_environment() -> dict[str, str]:
    """The database's connection as libpq's environment: the password is never on a
    command line, where other users of the machine could read it."""
    database: dict[str, Any] = connection.settings_dict
    environment = {**os.environ}
    given = {
        "PGDATABASE": database.get("NAME"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
    }
    options = database.get("OPTIONS") or {}
    given |= {variable: options.get(option) for option, variable in LIBPQ_OPTIONS.items()}
    environment.update({name: str(value) for name, value in given.items() if value})
    return environment


def run_postgresql_tool(command: list[str], progress: Progress, failed: str) -> None:
    """Run pg_dump or pg_restore, showing what it is doing as it goes; if it fails, raise
    BackupRefused with the message `failed`, its errors in place of {errors}."""
    lines: deque[str] = deque(maxlen=50)
    with subprocess.Popen(  # noqa: S603 (arguments are ours and the file's name)
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=postgresql_environment(),
    ) as tool:
        assert tool.stderr is not None
        for line in tool.stderr:
            lines.append(line.rstrip())
            progress(line.strip())
    if tool.returncode != 0:
        raise BackupRefused(failed.replace("{errors}", tool_errors("\n".join(lines))))


def tool_errors(output: str) -> str:
    """The lines of pg_dump's or pg_restore's output that say what went wrong."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()] or lines[-3:]
    return "; ".join(errors) or "it stopped without saying why"


class Progress:
    """What the work is doing, on one line of a terminal, rewritten as it goes; nothing when
    the stream is piped or captured."""

    def __init__(self, stream: OutputWrapper) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.width = 0

    def __call__(self, message: str) -> None:
        if self.enabled:
            line = message[:100]
            self.stream.write("\r" + line.ljust(self.width), ending="")
            self.stream.flush()
            self.width = len(line)

    def finish(self) -> None:
        """Clear the line before the closing message."""
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r", ending="")
            self.stream.flush()
            self.width = 0
