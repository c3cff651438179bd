"""casereview import FILE: read an exchange document (JSON, or the filled spreadsheet
template) into the database, creating the partnership and its agencies when new.

A partnership's own tracker (.xlsx or .csv, any columns) imports in two steps:
    casereview import FILE --partnership CODE --suggest-mapping [-o MAPPING.json]
writes the suggested mapping of its columns and values (stdout without -o), to check and edit;
    casereview import FILE --partnership CODE --mapping MAPPING.json [--dry-run]
imports the tracker with it. --dry-run (with a tracker or a document) says what would change
and writes nothing.

All or nothing. Exit status 0 when imported, 1 when the file is wrong (every problem on
stderr, by JSON path, or by sheet, row and column), 2 for a wrong command line. Progress is
shown on a terminal only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from casereview.accounts.models import Partnership
from casereview.exchange.changewords import named_changes
from casereview.exchange.files import with_places
from casereview.exchange.limits import size_problem
from casereview.exchange.management.commands.export import write_whole
from casereview.exchange.planning import Plan
from casereview.exchange.problems import DocumentRejected
from casereview.exchange.progress import TerminalProgress
from casereview.exchange.services import ImportSummary, import_planned, plan_import, plan_tracker
from casereview.exchange.trackers import (
    TrackerMapping,
    read_spreadsheet,
    suggest_mapping,
)

ACTOR = "casereview import"


class Command(BaseCommand):
    help = (
        "Read an exchange-format document (JSON, or the Excel template filled in), or a "
        "partnership's own tracker with a mapping, into the database: all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="a .json document, a filled .xlsx template, or a tracker (.xlsx, .csv)"
        )
        parser.add_argument(
            "--partnership", metavar="CODE", help="the partnership the records are for"
        )
        parser.add_argument(
            "--suggest-mapping",
            action="store_true",
            help="write the suggested mapping of a tracker's columns and values",
        )
        parser.add_argument(
            "--mapping", metavar="MAPPING.json", help="import a tracker with this mapping"
        )
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="with --suggest-mapping: write it here"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would change, and write nothing"
        )
        self.parser = parser

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        code, mapping_file = options["partnership"], options["mapping"]
        suggest, output, dry_run = options["suggest_mapping"], options["output"], options["dry_run"]
        if suggest and mapping_file:
            self.parser.error("--suggest-mapping and --mapping go in separate steps: choose one")
        if (suggest or mapping_file) and not code:
            option = "--suggest-mapping" if suggest else "--mapping"
            self.parser.error(f"{option} needs --partnership CODE: the partnership it is for")
        if output and not suggest:
            self.parser.error("-o FILE goes with --suggest-mapping: an import writes no file")
        if suggest:
            self.suggest(file, self.read(file), self.partnership(code), output)
        elif mapping_file:
            partnership = self.partnership(code)
            mapping = self.mapping(mapping_file)
            data = self.read(file)
            self.run(file, dry_run, lambda: self.tracker_plan(file, data, mapping, partnership))
        else:
            opened = self.open(file)
            with opened:
                # The file is read inside the plan, so that only the plan holds the document's
                # parts, each let go of once written (ADR 0009).
                self.run(
                    file,
                    dry_run,
                    lambda: with_places(opened, lambda d: plan_import(d, partnership_code=code)),
                )

    # Reading what the command line names

    def open(self, file: str) -> BinaryIO:
        path = Path(file)
        try:
            if (problem := size_problem(path.stat().st_size)) is not None:
                self.fail(f"{file} was not imported: nothing was written.\n  the file: {problem}")
            return path.open("rb")
        except OSError as wrong:
            self.fail(f"cannot read {file}: {wrong.strerror or wrong}")

    def read(self, file: str) -> bytes:
        with self.open(file) as opened:
            return opened.read()

    def partnership(self, code: str) -> Partnership:
        found = Partnership.objects.filter(code=code).first()
        if found is None:
            known = ", ".join(Partnership.objects.values_list("code", flat=True)) or "none yet"
            self.fail(
                f"no partnership with code {code!r} (known: {known}): add it first with "
                "`casereview partnership add CODE --name NAME --nation NATION --manager EMAIL`"
            )
        return found

    def mapping(self, mapping_file: str) -> TrackerMapping:
        try:
            data = json.loads(Path(mapping_file).read_text(encoding="utf-8-sig"))
        except OSError as wrong:
            self.fail(f"cannot read {mapping_file}: {wrong.strerror or wrong}")
        except (ValueError, UnicodeDecodeError) as wrong:
            self.fail(
                f"{mapping_file} is not a mapping: it is not JSON ({wrong}). Write one with "
                "--suggest-mapping -o MAPPING.json"
            )
        try:
            return TrackerMapping.from_json(data)
        except DocumentRejected as rejected:
            self.rejected(mapping_file, rejected, "was not read")

    # The steps

    def suggest(self, file: str, data: bytes, partnership: Partnership, output: str | None) -> None:
        try:
            workbook = read_spreadsheet(data, Path(file).name)
        except DocumentRejected as rejected:
            self.rejected(file, rejected, "was not read")
        text = json.dumps(
            suggest_mapping(workbook, partnership).to_json(), indent=2, ensure_ascii=False
        )
        if output is None:
            self.stdout.write(text)
            return
        try:
            write_whole(Path(output), (text + "\n").encode())
        except OSError as wrong:
            self.fail(f"cannot write {output}: {wrong.strerror or wrong}")
        self.stderr.write(
            f"Wrote the suggested mapping of {file} to {output}: check it, then import with "
            f"--mapping {output}"
        )

    def tracker_plan(
        self, file: str, data: bytes, mapping: TrackerMapping, partnership: Partnership
    ) -> Plan:
        workbook = read_spreadsheet(data, Path(file).name)
        return plan_tracker(workbook, mapping, partnership, partnership.code)

    def run(self, file: str, dry_run: bool, plan_of: Callable[[], Plan]) -> None:
        progress = TerminalProgress(getattr(self.stderr, "_out", self.stderr))
        try:
            if dry_run:
                plan = plan_of()
                summary = ImportSummary(
                    plan.partnership.code, plan.tallies, named_changes(plan.writes)
                )
            else:
                summary = import_planned(plan_of, actor_username=ACTOR, progress=progress)
        except DocumentRejected as rejected:
            progress.finish()
            self.rejected(file, rejected, "was not imported: nothing was written")
        progress.finish()
        if dry_run:
            self.stdout.write(self.would_change(file, summary))
        elif summary.changes_anything:
            self.stderr.write(f"Imported {file}: {summary.describe()}.")
        else:
            self.stderr.write(
                f"{file} is already imported: nothing changed ({summary.describe()})."
            )

    @staticmethod
    def would_change(file: str, summary: ImportSummary) -> str:
        if not summary.changes_anything:
            return f"Importing {file} would change nothing ({summary.describe()})."
        lines = [f"Importing {file} would change {summary.code}'s records (nothing was written):"]
        lines += [f"  {line}" for line in summary.changes_named()]
        lines.append("By kind of record:")
        for kind, tally in summary.rows():
            done = [
                f"{count} {word}"
                for count, word in (
                    (tally.created, "created"),
                    (tally.updated, "updated"),
                    (tally.deleted, "deleted"),
                )
                if count
            ]
            if done:
                lines.append(f"  {kind}: {', '.join(done)}")
        lines.append(f"In all: {summary.describe()}.")
        return "\n".join(lines)

    # Failing

    def rejected(self, file: str, rejected: DocumentRejected, what: str) -> NoReturn:
        lines = [f"{file} {what}."]
        lines += [f"  {problem}" for problem in rejected.problems]
        if rejected.more:
            lines.append(f"  ... and {rejected.more} more problems")
        self.fail("\n".join(lines))

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(1)
