"""casereview export --partnership CODE [-o FILE] [--format json|xlsx]: the partnership's
records as an exchange document, with each referral's computed assessment.

JSON goes to stdout alone when there is no -o; a workbook needs -o. The file appears whole
or not at all. Each export is audited.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casereview.accounts.models import Partnership
from casereview.exchange.files import as_json
from casereview.exchange.selectors import export_document
from casereview.exchange.services import record_export
from casereview.exchange.spreadsheet import workbook_of

ACTOR = "casereview export"


class Command(BaseCommand):
    help = "Write a partnership's records as an exchange-format document (JSON or Excel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", required=True, metavar="CODE")
        parser.add_argument("-o", "--output", metavar="FILE", help="write here, not to stdout")
        parser.add_argument("--format", choices=("json", "xlsx"), default="json")
        self.parser = parser

    def handle(self, *args: Any, partnership: str, output: str | None, **options: Any) -> None:
        file_format = options["format"]
        if file_format == "xlsx" and not output:
            self.parser.error("--format xlsx needs -o FILE: a workbook is not written to stdout")
        found = Partnership.objects.filter(code=partnership).first()
        if found is None:
            known = ", ".join(Partnership.objects.values_list("code", flat=True)) or "none yet"
            self.stderr.write(f"no partnership with code {partnership!r} (known: {known})")
            sys.exit(1)
        document = export_document(found)
        body = workbook_of(document) if file_format == "xlsx" else as_json(document).encode()
        if output is None:
            self.stdout.write(body.decode(), ending="")
        else:
            try:
                write_whole(Path(output), body)
            except OSError as wrong:
                self.stderr.write(f"cannot write {output}: {wrong.strerror or wrong}")
                sys.exit(1)
            self.stderr.write(f"Wrote {partnership}'s records to {output}.")
        # Audited once the file exists: an export that could not be written exported nothing.
        record_export(found, file_format=file_format, actor_username=ACTOR)


def write_whole(path: Path, body: bytes) -> None:
    """Write beside the file and rename it into place: never a half-written file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
