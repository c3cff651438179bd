"""How fast a partnership's own tracker imports with a saved mapping (issue 12).

An invented tracker in the council's style (casereview.testing.trackers): a case sheet and an
action sheet under merged title rows, dates typed as text, of about 2,000 rows in all. Its
mapping is suggested once and saved as JSON, as `casereview import --suggest-mapping -o`
does; then the tracker is read, converted with the saved mapping and imported into the demo
partnership of a fresh database, each stage timed, and imported again (nothing to change).

.venv/bin/python bench/tracker_import.py            # SQLite
DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_bench .venv/bin/python bench/tracker_import.py
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import benchmark_database

CASES, ACTIONS_PER_CASE = 850, 2  # 850 case rows and 1,134 action rows: 1,984 rows


def peak_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    with benchmark_database() as vendor:
        from casereview.accounts.models import Partnership
        from casereview.exchange.services import import_planned, plan_import
        from casereview.exchange.trackers import (
            TrackerMapping,
            read_spreadsheet,
            suggest_mapping,
            tracker_document,
        )
        from casereview.testing.trackers import build_tracker

        partnership = Partnership.objects.get(code="OSCB")
        data, name = build_tracker("council", cases=CASES, actions_per_case=ACTIONS_PER_CASE)
        workbook = read_spreadsheet(data, name)
        rows = sum(
            len(list(sheet.data_rows(sheet.guess_header_row()))) for sheet in workbook.sheets
        )
        print(f"{vendor}: a tracker of {rows:,} rows ({len(data) / 1024:.0f} KB)")

        started = time.perf_counter()
        saved = json.dumps(suggest_mapping(workbook, partnership).to_json())
        print(f"{vendor}: suggested its mapping once in {time.perf_counter() - started:.2f} s")

        stages: dict[str, float] = {}

        def timed(stage: str, started: float) -> None:
            stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - started

        def plan():  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            mapping = TrackerMapping.from_json(json.loads(saved))
            book = read_spreadsheet(data, name)
            timed("reading", started)
            started = time.perf_counter()
            document = tracker_document(book, mapping, partnership, partnership.code, check=False)
            timed("converting", started)
            started = time.perf_counter()
            found = plan_import(document, partnership_code=partnership.code)
            timed("checking and planning", started)
            return found

        started = time.perf_counter()
        summary = import_planned(plan, actor_username="bench")
        total = time.perf_counter() - started
        stages["writing"] = total - sum(stages.values())
        records = summary.total().created + summary.total().updated
        for stage, seconds in stages.items():
            print(f"{vendor}:   {stage}: {seconds:.2f} s")
        print(
            f"{vendor}: imported {records:,} records ({summary.describe()}) in {total:.2f} s: "
            f"{records / total:,.0f} records a second, {rows / total:,.0f} rows a second"
        )

        stages.clear()
        started = time.perf_counter()
        again = import_planned(plan, actor_username="bench")
        seconds = time.perf_counter() - started
        assert not again.changes_anything
        print(f"{vendor}: imported it again in {seconds:.2f} s: nothing changed")
        print(f"{vendor}: peak memory {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
