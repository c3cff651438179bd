"""How long the periodic report takes for a partnership with 500 reviews and 5,000 actions.

    .venv/bin/python bench/report.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_bench .venv/bin/python bench/report.py

Targets: JSON and HTML under 1 s; Word and PDF under 5 s.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import benchmark_database, report

REVIEWS = 500
ACTIONS_PER_REVIEW = 10
RUNS = 5


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


def main() -> None:
    with benchmark_database() as vendor:
        from casereview.accounts.models import Partnership
        from casereview.actionplans.models import AgencyAction
        from casereview.reports.services import write_report

        make_records()
        partnership = Partnership.objects.get(code="OSCB")
        print(f"{vendor}: {REVIEWS} reviews, {AgencyAction.objects.count()} actions")
        start, end = dt.date(2014, 1, 1), dt.date(2024, 12, 31)
        for file_format in ("json", "html", "docx", "pdf"):
            write_report(partnership, start, end, file_format, acting_user=None)  # warm up
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                body = write_report(partnership, start, end, file_format, acting_user=None)
                timings.append((time.perf_counter() - started) * 1000)
            report(f"{vendor} report as {file_format} ({len(body):,} bytes)", timings)


if __name__ == "__main__":
    main()
