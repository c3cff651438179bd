"""How fast a large exchange document imports and exports, and the memory it takes.

A generated document of 10,000 referrals and 2,000 reviews with 20,000 actions, imported into
a new partnership, imported again (nothing to change), then exported as JSON and as a
workbook. Targets: at least 2,000 records a second on SQLite, under 500 MB.

.venv/bin/python bench/import_export.py            # SQLite
DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_bench .venv/bin/python bench/import_export.py
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import benchmark_database

REFERRALS, REVIEWS, ACTIONS = 10_000, 2_000, 20_000


def peak_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    with benchmark_database() as vendor:
        from casereview.accounts.models import Partnership
        from casereview.core.models import AuditEvent
        from casereview.exchange.files import as_json
        from casereview.exchange.generator import generated_document
        from casereview.exchange.selectors import export_document
        from casereview.exchange.services import import_document
        from casereview.exchange.spreadsheet import workbook_of

        started = time.perf_counter()
        document = generated_document(
            seed=2024,
            code="BENCH",
            referrals=REFERRALS,
            reviews=REVIEWS,
            actions_per_review=ACTIONS // REVIEWS,
            events=50,
        )
        size = len(as_json(document).encode()) / 1024 / 1024
        print(
            f"{vendor}: generated the document in {time.perf_counter() - started:.1f} s ({size:.1f} MB of JSON)"
        )

        audit_before = AuditEvent.objects.count()
        started = time.perf_counter()
        summary = import_document(document)
        seconds = time.perf_counter() - started
        records = summary.total().created
        audit_rows = AuditEvent.objects.count() - audit_before
        print(
            f"{vendor}: imported {records} records in {seconds:.1f} s: "
            f"{records / seconds:,.0f} records a second ({audit_rows} audit rows)"
        )
        print(f"{vendor}: peak memory so far {peak_mb():.0f} MB")

        started = time.perf_counter()
        again = import_document(document)
        seconds = time.perf_counter() - started
        assert (
            not again.changes_anything and AuditEvent.objects.count() == audit_before + audit_rows
        )
        print(f"{vendor}: imported it again in {seconds:.1f} s: nothing changed, no row written")
        print(f"{vendor}: peak memory so far {peak_mb():.0f} MB")

        del document, summary, again  # as after `casereview import`: the export starts afresh
        gc.collect()
        partnership = Partnership.objects.get(code="BENCH")
        started = time.perf_counter()
        exported = export_document(partnership)
        text = as_json(exported)
        print(
            f"{vendor}: exported as JSON in {time.perf_counter() - started:.1f} s ({len(text) / 1024 / 1024:.1f} MB)"
        )
        assert len(exported["referrals"]) == REFERRALS
        assert (
            sum(len(r["actions"]) for v in exported["reviews"] for r in v["recommendations"])
            == ACTIONS
        )
        json.loads(text)
        del text
        gc.collect()
        started = time.perf_counter()
        workbook = workbook_of(exported)
        print(
            f"{vendor}: exported as a workbook in {time.perf_counter() - started:.1f} s ({len(workbook) / 1024 / 1024:.1f} MB)"
        )
        print(f"{vendor}: peak memory {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
