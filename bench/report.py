"""How long the periodic report takes for a partnership with 500 reviews and 5,000 actions.

    .venv/bin/python bench/report.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_bench .venv/bin/python bench/report.py

or for a partnership of a database as it is, writing nothing (both kinds of report), such as
the biggest of the national data set:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_national \
        .venv/bin/python bench/report.py --partnership BIG

Targets: JSON and HTML under 1 s; Word and PDF under 5 s; the same number of queries
whatever the partnership holds (reports/tests/test_report_queries.py).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import benchmark_database

REVIEWS = 500
ACTIONS_PER_REVIEW = 10
RUNS = int(os.environ.get("RUNS", "5"))  # RUNS=1 for a quick look
FORMATS = ("json", "html", "docx", "pdf")


def make_records() -> None:
    from casereview.accounts.models import Agency, Partnership
    from casereview.actionplans.models import AgencyAction, Recommendation
    from casereview.referrals.models import Child
    from casereview.reviews.models import LearningPoint, Review
    from casereview.testing.bulk import bulk_referrals
    from casereview.themes.models import Theme

    chance = random.Random(11)
    partnership = Partnership.objects.get(code="OSCB")
    agencies = list(Agency.objects.filter(partnership=partnership))
    themes = list(Theme.objects.filter(partnership=None))
    bulk_referrals(partnership, 1000)
    reviews = Review.objects.bulk_create(
        [
            Review(
                partnership=partnership,
                title=f"Child {n}",
                type=chance.choice(["scr", "lcspr", "partnership_review"]),
                methodology=chance.choice(["scie_systems", "reviewer_led", "wt2010_imr", ""]),
                status=chance.choice(["active", "on_hold", "completed", "published"]),
                commissioned=dt.date(2014, 1, 1) + dt.timedelta(days=chance.randrange(3000)),
                signed_off=dt.date(2016, 1, 1) + dt.timedelta(days=chance.randrange(2000)),
                summary="Invented for a benchmark.",
            )
            for n in range(REVIEWS)
        ]
    )
    children = Child.objects.bulk_create(
        [
            Child(
                partnership=partnership,
                pseudonym=f"Child {n}",
                sex=chance.choice(["female", "male", "not_recorded"]),
                age_years=chance.choice([None, *range(18)]),
            )
            for n in range(REVIEWS)
        ]
    )
    Review.children.through.objects.bulk_create(
        [Review.children.through(review=r, child=c) for r, c in zip(reviews, children, strict=True)]
    )
    Review.themes.through.objects.bulk_create(
        [
            Review.themes.through(review=r, theme=t)
            for r in reviews
            for t in chance.sample(themes, 3)
        ]
    )
    LearningPoint.objects.bulk_create(
        [LearningPoint(review=r, text=f"Learning from {r.title}") for r in reviews]
    )
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(partnership=partnership, review=r, number=1, text="Invented.")
            for r in reviews
        ]
    )
    AgencyAction.objects.bulk_create(
        [
            AgencyAction(
                partnership=partnership,
                recommendation=recommendation,
                text="Invented action.",
                owner_agency=chance.choice(agencies),
                due=dt.date(2016, 1, 1) + dt.timedelta(days=chance.randrange(2000)),
                status=chance.choice(["not_started", "in_progress", "completed", "verified"]),
            )
            for recommendation in recommendations
            for _ in range(ACTIONS_PER_REVIEW)
        ],
        batch_size=1000,
    )


def timed(label: str, write: Callable[[str], bytes], formats: tuple[str, ...] = FORMATS) -> None:
    """Each form of the report written RUNS times after a warm-up: the median and worst of
    the time it took and of the CPU this process spent (what the rest of the machine does
    weighs less on the second), and the queries it asked."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for file_format in formats:
        write(file_format)  # warm up
        wall, cpu = [], []
        for _ in range(RUNS):
            reset_queries()  # DEBUG keeps the last 9,000 only: counted from an empty log
            started, started_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                body = write(file_format)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        print(
            f"{label} report as {file_format} ({len(body):,} bytes, "
            f"{len(queries.captured_queries)} queries): "
            f"median {statistics.median(wall):.0f} ms (CPU {statistics.median(cpu):.0f} ms), "
            f"max {max(wall):.0f} ms over {RUNS} runs"
        )


def generated() -> None:
    """500 reviews made in a throwaway database; each report written as a person downloads
    it, with its audit row."""
    with benchmark_database() as vendor:
        from casereview.accounts.models import Partnership
        from casereview.actionplans.models import AgencyAction
        from casereview.reports.services import write_report

        make_records()
        partnership = Partnership.objects.get(code="OSCB")
        print(f"{vendor}: {REVIEWS} reviews, {AgencyAction.objects.count()} actions")
        start, end = dt.date(2014, 1, 1), dt.date(2024, 12, 31)
        timed(
            vendor,
            lambda file_format: write_report(
                partnership, start, end, file_format, acting_user=None
            ),
        )


def existing(code: str) -> None:
    """The board papers of partnership `code` in the database DATABASE_URL names, as it is
    (the national data set): for the period the report page shows first (the last complete
    financial year) and for every year since its first review; built and laid out without
    the download's audit row, so nothing is written."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.db import connection

    from casereview.accounts.models import Partnership
    from casereview.reports import document, figures, renderers
    from casereview.reports.forms import ReportPeriodForm
    from casereview.reviews.models import Review

    partnership = Partnership.objects.get(code=code)
    reviews = Review.objects.filter(partnership=partnership)
    today = dt.date.today()
    periods = {
        "last year": ReportPeriodForm.default_period(today),
        "every year": (min(reviews.values_list("commissioned", flat=True)), today),
    }
    for name, (start, end) in periods.items():
        worked_on = figures.reviews_worked_on(partnership, start, end).count()
        print(
            f"{connection.vendor} {code}, {name}: {start} to {end}, {worked_on} reviews worked on"
        )
        for kind in figures.KINDS:

            def write(
                file_format: str, kind: str = kind, start: dt.date = start, end: dt.date = end
            ) -> bytes:
                if file_format == "json":
                    return renderers.figures_json(
                        figures.compute(partnership, start, end, kind=kind)
                    )
                report = document.build(partnership, start, end, kind=kind)
                return renderers.RENDER[file_format](report)

            timed(f"{connection.vendor} {code} {name} {kind}", write)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--partnership":
        existing(sys.argv[2])
    else:
        generated()


if __name__ == "__main__":
    main()
