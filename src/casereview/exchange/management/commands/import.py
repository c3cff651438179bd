"""casereview import FILE: read an exchange document (JSON, or the filled spreadsheet
template) into the database, creating the partnership and its agencies when new.

All or nothing. Exit status 0 when imported, 1 when the file is wrong (every problem on
stderr, by JSON path or by sheet, row and column), 2 for a wrong command line. Progress is
shown on a terminal only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from casereview.exchange.files import with_places
from casereview.exchange.limits import size_problem
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.progress import TerminalProgress
from casereview.exchange.services import import_planned, plan_import

ACTOR = "casereview import"


class Command(BaseCommand):
    help = (
        "Read an exchange-format document (JSON, or the Excel template filled in) into the "
        "database: all or nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the document: a .json file or a filled .xlsx template")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        path = Path(file)
        try:
            if (problem := size_problem(path.stat().st_size)) is not None:
                self.fail(f"{file} was not imported: nothing was written.\n  the file: {problem}")
            opened = path.open("rb")
        except OSError as wrong:
            self.fail(f"cannot read {file}: {wrong.strerror or wrong}")
        progress = TerminalProgress(getattr(self.stderr, "_out", self.stderr))
        try:
            with opened:
                # The file is read inside the plan, so that only the plan holds the document's
                # parts, each let go of once written (ADR 0009).
                summary = import_planned(
                    lambda: with_places(opened, plan_import),
                    actor_username=ACTOR,
                    progress=progress,
                )
        except DocumentRejected as rejected:
            progress.finish()
            lines = [f"{file} was not imported: nothing was written."]
            lines += [f"  {problem}" for problem in rejected.problems]
            if rejected.more:
                lines.append(f"  ... and {rejected.more} more problems")
            self.fail("\n".join(lines))
        progress.finish()
        if summary.changes_anything:
            self.stderr.write(f"Imported {file}: {summary.describe()}.")
        else:
            self.stderr.write(
                f"{file} is already imported: nothing changed ({summary.describe()})."
            )

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(1)
