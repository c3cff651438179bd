"""How fast a large exchange document imports and exports, and the memory it takes.

A generated document of 10,000 referrals and 2,000 reviews with 20,000 actions, imported into
a new partnership, imported again (nothing to change), then exported as JSON and as a
workbook; or, with --biggest, one the size of the national data set's biggest partnership
(2,500 referrals, 500 reviews, 5,000 actions), imported twice. Targets: at least 2,000
records a second, under 500 MB.

The import's first check of the document against the JSON Schema is timed on its own too:
the quick compiled check a valid document passes (exchange/schemacheck.py), and jsonschema's
walk that it spares. DEBUG is off, as in production: with it on, Django keeps the text of
every statement, a thousand rows each for a bulk insert, in memory.

.venv/bin/python bench/import_export.py [--biggest]           # SQLite
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

SIZES = {
    "large": (10_000, 2_000, 20_000),  # referrals, reviews, actions: the format's largest
    "biggest": (2_500, 500, 5_000),  # the national data set's biggest partnership
}


def peak_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def checking_alone(document: dict) -> str:
    """The schema check of the document: the quick check, and jsonschema's walk it spares."""
    from casereview.exchange.validation import _validator, schema_problems

    schema_problems({})  # the checks compiled once, as the import's are
    started = time.perf_counter()
    assert schema_problems(document) == []
    checked = time.perf_counter() - started
    started = time.perf_counter()
    assert _validator(document["version"]).is_valid(document)
    walked = time.perf_counter() - started
    return f"schema check {checked:.2f} s (jsonschema's walk alone {walked:.2f} s)"


def main() -> None:
    size = "biggest" if "--biggest" in sys.argv[1:] else "large"
    referrals, reviews, actions = SIZES[size]
    with benchmark_database() as vendor:
        from django.conf import settings

        settings.DEBUG = False  # as in production: no statement kept in memory
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
            referrals=referrals,
            reviews=reviews,
            actions_per_review=actions // reviews,
            events=50,
        )
        megabytes = len(as_json(document).encode()) / 1024 / 1024
        print(
            f"{vendor}: generated the document of {referrals:,} referrals, {reviews:,} reviews "
            f"and {actions:,} actions in {time.perf_counter() - started:.1f} s "
            f"({megabytes:.1f} MB of JSON)"
        )
        print(f"{vendor}: {checking_alone(document)}")

        audit_before = AuditEvent.objects.count()
        started, started_cpu = time.perf_counter(), time.process_time()
        summary = import_document(document)
        seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        records = summary.total().created
        audit_rows = AuditEvent.objects.count() - audit_before
        print(
            f"{vendor}: imported {records:,} records in {seconds:.1f} s (CPU {cpu:.1f} s): "
            f"{records / seconds:,.0f} records a second ({audit_rows:,} audit rows)"
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
        if size == "biggest":
            return

        del document, summary, again  # as after `casereview import`: the export starts afresh
        gc.collect()
        partnership = Partnership.objects.get(code="BENCH")
        started = time.perf_counter()
        exported = export_document(partnership)
        text = as_json(exported)
        print(
            f"{vendor}: exported as JSON in {time.perf_counter() - started:.1f} s ({len(text) / 1024 / 1024:.1f} MB)"
        )
        assert len(exported["referrals"]) == referrals
        assert (
            sum(len(r["actions"]) for v in exported["reviews"] for r in v["recommendations"])
            == actions
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
