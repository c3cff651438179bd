from __future__ import annotations

from django.db import models

from casereview.core.tenancy import PartnershipOwned
from casereview.search.choices import Found


class SearchEntry(PartnershipOwned):
    """The words of one record (or one page of a document's file), as search reads them.

    Full-text search runs over these (search.engine): SQLite's FTS5 table beside it, kept in
    step by triggers, in the embedded database; an English tsvector index in PostgreSQL.
    What a search finds is only a candidate: each record is then looked for in its own
    kind's `restrict()` (search.selectors), so a result never shows what its reader may not
    see."""

    kind = models.CharField(max_length=24, choices=Found.choices)
    object_id = models.PositiveBigIntegerField()
    part = models.PositiveIntegerField(default=0, help_text="A document's page; 0 otherwise")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    # Entries are never shown as they are: search.selectors finds their records in reach.
    permission_resource = "search entries"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "part"], name="one_entry_a_record_part"
            )
        ]
        indexes = [models.Index(fields=["partnership", "kind"], name="search_entry_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
