"""casereview search_index: write the search entries again from the records."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from casereview.accounts.models import Partnership
from casereview.search.indexing import reindex_partnership


class Command(BaseCommand):
    help = (
        "Write the search entries of every partnership (or of --partnership CODE) again from "
        "their records: after an upgrade that adds search, or to repair the index."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--partnership", metavar="CODE", help="only this partnership")

    def handle(self, *args: Any, partnership: str | None = None, **options: Any) -> None:
        partnerships = Partnership.objects.order_by("code")
        if partnership is not None:
            partnerships = partnerships.filter(code=partnership)
            if not partnerships.exists():
                raise CommandError(f"there is no partnership with the code {partnership!r}")
        total = 0
        for each in partnerships:
            written = reindex_partnership(each.pk)
            total += written
            self.stderr.write(f"{each.code}: {written:,} entries")
        self.stderr.write(f"Search entries written: {total:,}.")
