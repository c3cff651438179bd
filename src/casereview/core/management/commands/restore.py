"""casereview restore FILE [--force]: replace the whole database with a backup.

Refuses a database that holds records (any partnership, person or audit row) without --force,
a backup of the other kind of database, and a backup made by newer code; a backup made by
older code is restored, and `casereview migrate` brings it up to date. All or nothing: a
restore that fails leaves the database as it was. Stop the service while restoring.
Exit status 0 when restored, 1 when refused (the reason on stderr), 2 for a wrong command line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from casereview.core.audit import verify_chain
from casereview.core.backup import (
    BackupRefused,
    Progress,
    read_backup,
    records_held,
    restore,
    schema_difference,
    where_the_database_is,
)


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `casereview backup`; refuses a "
        "database that holds records unless --force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a backup made by `casereview backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the database even though it holds partnerships, people or audit rows",
        )

    def handle(self, *args: Any, file: str, force: bool, **options: Any) -> None:
        path = Path(file)
        progress = Progress(self.stderr)
        try:
            contents = read_backup(path)
            schema = schema_difference(contents.migrations)
            if schema.unknown:
                self.fail(
                    f"{path} was made by newer code: it has migrations this code does not know "
                    f"({named(schema.unknown)}). Install the casereview it was made with (or "
                    "newer), then restore it"
                )
            if not force and (held := {what: n for what, n in records_held().items() if n}):
                counts = ", ".join(f"{n} {what}" for what, n in held.items())
                self.fail(
                    f"{where_the_database_is()} is not empty: it holds {counts}. Restoring "
                    f"{path} replaces everything in it; add --force to do so"
                )
            restore(path, contents, progress)
        except BackupRefused as refused:
            progress.finish()
            self.fail(str(refused))
        progress.finish()
        self.stderr.write(f"Restored {where_the_database_is()} from {path}.")
        if schema.unapplied:
            self.stderr.write(
                f"The backup was made by older code ({counted(schema.unapplied, 'migration')} "
                "not applied in it): run `casereview migrate` before starting the service."
            )
            return
        self.check_audit_trail()

    def check_audit_trail(self) -> None:
        checked, problem = verify_chain()
        if problem is None:
            self.stderr.write(f"The audit trail is intact: {checked} rows checked.")
        else:
            self.stderr.write(
                f"The audit trail does not verify: {problem.message}. If the backup is older "
                "than the trail's anchor, check it is the one you meant, then run "
                "`casereview audit anchor`."
            )

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(f"casereview restore: {message}")
        sys.exit(1)


def counted(things: list[Any], noun: str) -> str:
    return f"{len(things)} {noun}" + ("" if len(things) == 1 else "s")


def named(migrations: list[tuple[str, str]]) -> str:
    shown = ", ".join(f"{app}.{name}" for app, name in migrations[:5])
    return shown + (f" and {len(migrations) - 5} more" if len(migrations) > 5 else "")
