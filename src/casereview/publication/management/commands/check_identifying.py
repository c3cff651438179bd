"""casereview check-identifying FILE [--pseudonym NAME]... [--allow NAME]...: the identifying
details in a review's text (a PDF, a Word document or a text file), one JSON object a line:
{"kind": ..., "text": ..., "page": ..., "context": ...}.

Exit 0 when there is none, 1 when there are any, and 1 when the file cannot be checked (the
message on stderr says what and where); 2 for a wrong command line. Needs no database.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from casereview.core import filekinds
from casereview.documents.reading import read_text
from casereview.documents.rules import DESCRIBED, KEPT
from casereview.publication.identifying import find_identifying


class Command(BaseCommand):
    help = "Find identifying details (names, dates of birth, addresses ...) in a review's text."
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Named on the command line with a hyphen (casereview.__main__), and so in its usage.
        return super().create_parser(prog_name, "check-identifying", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a PDF, a Word document or a text file")
        parser.add_argument(
            "--pseudonym", action="append", default=[], metavar="NAME", help='"Child J"'
        )
        parser.add_argument(
            "--allow", action="append", default=[], metavar="NAME", help="a name allowed"
        )

    def handle(
        self, *args: Any, file: str, pseudonym: list[str], allow: list[str], **_: Any
    ) -> None:
        pages = self.pages_of(Path(file))
        findings = find_identifying(pages, pseudonyms=pseudonym, allowed=allow)
        for finding in findings:
            line = {
                "kind": finding.kind.value,
                "text": finding.text,
                "page": finding.page,
                "context": finding.context,
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))
        sys.exit(1 if findings else 0)

    def pages_of(self, path: Path) -> list[str]:
        try:
            data = path.read_bytes()
        except OSError as wrong:
            self.fail(f"cannot read {path}: {wrong.strerror or wrong}")
        described = filekinds.described(data)
        kind = DESCRIBED.get(described or "")
        if kind is None:
            what = described or "not a file the check can read"
            self.fail(f"{path} is {what}: the check reads {KEPT}")
        read = read_text(kind, data)
        if read.problem:
            self.fail(f"{path}: {read.problem}")
        return read.pages

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(f"casereview check-identifying: {message}")
        sys.exit(1)
