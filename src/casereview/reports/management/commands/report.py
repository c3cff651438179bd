"""casereview report: the periodic summary report (spec/report.md), or with --kind yearly the
yearly report (report.md version 2, docs/reports.md), as docx, pdf, html or json."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from casereview.accounts.models import Partnership
from casereview.reports import figures, services
from casereview.reports.renderers import FORMATS


def iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Command(BaseCommand):
    help = "Write the periodic summary report, or the yearly report, for a partnership and period."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--partnership", required=True, metavar="CODE")
        parser.add_argument(
            "--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD"
        )
        parser.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD")
        parser.add_argument("--format", dest="file_format", required=True, choices=sorted(FORMATS))
        parser.add_argument("-o", dest="output", metavar="FILE", help="write here, not to stdout")
        parser.add_argument(
            "--kind",
            choices=figures.KINDS,
            default=figures.PERIODIC,
            help="the periodic report for the board (the default) or the yearly report",
        )
        parser.add_argument(
            "--notes",
            action="store_true",
            help="add the notes on the records, for the author (left out of a board paper)",
        )

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(f"casereview report: {message}")
        sys.exit(1)

    def handle(
        self,
        *args: Any,
        partnership: str,
        start: str,
        end: str,
        file_format: str,
        output: str | None,
        kind: str = figures.PERIODIC,
        notes: bool = False,
        **options: Any,
    ) -> None:
        found = Partnership.objects.filter(code=partnership).first()
        if found is None:
            self.fail(f"--partnership {partnership}: no such partnership")
        dates = {}
        for flag, text in (("--from", start), ("--to", end)):
            try:
                dates[flag] = iso_date(text)
            except ValueError:
                self.fail(f"{flag} {text}: not a date; expected YYYY-MM-DD")
        try:
            body = services.write_report(
                found,
                dates["--from"],
                dates["--to"],
                file_format,
                acting_user=None,
                kind=kind,
                with_notes=notes,
            )
        except ValidationError as refusal:
            self.fail(
                "; ".join(
                    message for messages in refusal.message_dict.values() for message in messages
                )
            )
        if output:
            Path(output).write_bytes(body)
            self.stderr.write(f"Report written to {output}")
        else:
            sys.stdout.buffer.write(body)
            sys.stdout.flush()
