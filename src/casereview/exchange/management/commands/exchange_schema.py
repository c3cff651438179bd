"""casereview exchange_schema [--write]: the published JSON Schema, from each record's mapping.

Without --write, says whether the committed schema matches the mappings (exit 1 when not);
with --write, writes it again.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from casereview.exchange.schema import as_text, regenerated
from casereview.exchange.validation import SCHEMA_FILE


class Command(BaseCommand):
    help = "Check, or write again, the exchange format's JSON Schema from the records' mappings."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--write", action="store_true", help="write the schema file again")

    def handle(self, *args: Any, write: bool = False, **options: Any) -> None:
        path = resources.files("casereview.exchange").joinpath(f"schema/{SCHEMA_FILE}")
        committed = path.read_text()
        wanted = as_text(regenerated(json.loads(committed)))
        if committed == wanted:
            self.stdout.write(f"{SCHEMA_FILE} matches the records' mappings")
            return
        if not write:
            raise CommandError(
                f"{SCHEMA_FILE} differs from the records' mappings: run "
                "`casereview exchange_schema --write` and commit the file"
            )
        with open(str(path), "w", encoding="utf-8") as out:
            out.write(wanted)
        self.stdout.write(f"wrote {path}")
