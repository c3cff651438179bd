"""casereview backup -o FILE: the whole database, SQLite or PostgreSQL, into one file.

Safe while the service runs. Exit status 0 when written, 1 when it could not be (the reason on
stderr; no file is left half-written), 2 for a wrong command line. docs/backups.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casereview.core.backup import KIND_NAMES, BackupRefused, Progress, back_up, database_kind


class Command(BaseCommand):
    help = (
        "Back up the whole database into FILE: SQLite's online backup, or pg_dump's custom "
        "format for PostgreSQL. Safe while the service runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o", "--output", metavar="FILE", required=True, help="the backup file to write"
        )

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        path = Path(output)
        progress = Progress(self.stderr)
        try:
            kind = database_kind()
            size = back_up(path, progress)
        except BackupRefused as refused:
            progress.finish()
            self.stderr.write(f"casereview backup: {refused}")
            sys.exit(1)
        progress.finish()
        self.stderr.write(
            f"Backed up the {KIND_NAMES[kind]} database to {path} ({megabytes(size)})."
        )


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
