"""The action and learning pages of the biggest partnership, among a country's records (issue 15).

The biggest partnership (OSCB here) holds 500 reviews and about 5,000 agency actions; the rest of
the country, held by the second demo partnership, 9,500 reviews and about 95,000 actions, so that
every query picks one partnership's rows out of national tables. Dates are spread up to today, so
that the RAG ratings and the default period of learning in common are what they would be.

For each page: its queries, p50 and p95 of 30 requests after warm-up (in-process test client),
and the time of the same SELECT statements replayed raw on the connection.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_bench .venv/bin/python bench/action_pages.py
.venv/bin/python bench/action_pages.py --country 0     # the biggest partnership alone, on SQLite
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _setup import benchmark_database

RUNS = 30
WARM_UP = 3


def populate(partnership: Any, reviews: int, *, seed: int) -> None:
    """`reviews` reviews of the partnership with 2 to 4 recommendations each, 3 or 4 actions
    under each, their progress, 3 learning points each, and a learning event for every eight
    reviews; and 3 national reviews with 5 recommendations of 4 actions each."""
    from casereview.accounts.choices import AgencyKind
    from casereview.accounts.models import Agency
    from casereview.actionplans.choices import ActionStatus, MonitoringGroup
    from casereview.actionplans.models import AgencyAction, ProgressUpdate, Recommendation
    from casereview.learning.models import LearningEvent
    from casereview.reviews.choices import ReviewStatus, ReviewType
    from casereview.reviews.models import LearningPoint, NationalReview, Review
    from casereview.themes.models import Theme

    chance = random.Random(seed)
    today = dt.date.today()
    agencies = list(
        Agency.objects.filter(partnership=partnership).exclude(kind=AgencyKind.NATIONAL_PANEL)
    )
    themes = list(Theme.objects.filter(partnership=None))
    made = []
    for n in range(reviews):
        commissioned = today - dt.timedelta(days=chance.randrange(0, 3650))
        review = Review(
            partnership=partnership,
            reference=f"{partnership.code}-R{n:05d}",
            title=f"Child {partnership.code[:2]}{n:05d}",
            type=ReviewType.SCR,
            commissioned=commissioned,
        )
        if commissioned < today - dt.timedelta(days=730):
            review.signed_off = commissioned + dt.timedelta(days=chance.randrange(300, 600))
            review.published = review.signed_off + dt.timedelta(days=chance.randrange(30, 120))
            review.status = ReviewStatus.PUBLISHED
        made.append(review)
    made = Review.objects.bulk_create(made, batch_size=2000)
    nationals = NationalReview.objects.bulk_create(
        [
            NationalReview(
                partnership=partnership,
                title=f"National review {n}",
                published=today - dt.timedelta(days=400 * (n + 1)),
            )
            for n in range(3)
        ]
    )
    ReviewThemes = Review.themes.through
    ReviewThemes.objects.bulk_create(
        [
            ReviewThemes(review=r, theme=t)
            for r in made
            for t in chance.sample(themes, chance.randint(1, 3))
        ],
        batch_size=5000,
    )
    points = LearningPoint.objects.bulk_create(
        [
            LearningPoint(review=r, position=p, text=f"Learning {p} of {r.title}.")
            for r in made
            for p in range(3)
        ],
        batch_size=5000,
    )
    PointThemes = LearningPoint.themes.through
    PointThemes.objects.bulk_create(
        [
            PointThemes(learningpoint=p, theme=t)
            for p in points
            for t in chance.sample(themes, chance.randint(1, 2))
        ],
        batch_size=5000,
    )
    groups = [MonitoringGroup.EXECUTIVE] * 10 + [MonitoringGroup.PAQA] * 7 + ["other_subgroup"] * 3
    recommendations = []
    for review in made:
        for number in range(1, chance.randint(2, 4) + 1):
            recommendations.append(
                Recommendation(
                    partnership=partnership,
                    review=review,
                    number=number,
                    text=f"Recommendation {number} of {review.title}.",
                    lead_agency=chance.choice(agencies),
                    monitored_by=chance.choice(groups),
                )
            )
    for national in nationals:
        for number in range(1, 6):
            recommendations.append(
                Recommendation(
                    partnership=partnership,
                    national_review=national,
                    number=number,
                    text=f"Recommendation {number} of {national.title}.",
                    monitored_by=chance.choice(groups),
                )
            )
    recommendations = Recommendation.objects.bulk_create(recommendations, batch_size=5000)
    commissioned_of = {r.pk: r.commissioned for r in made}
    # Most actions due more than two months ago are done; most not yet due are open.
    long_due = [ActionStatus.COMPLETED, ActionStatus.VERIFIED, ActionStatus.CANCELLED]
    long_due += [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS]
    not_yet_due = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED]
    actions = []
    for recommendation in recommendations:
        start = commissioned_of.get(recommendation.review_id, today - dt.timedelta(days=200))
        count = 4 if recommendation.national_review_id else chance.randint(3, 4)
        for position in range(count):
            due = start + dt.timedelta(days=chance.randrange(180, 1100))
            if due < today - dt.timedelta(days=60):
                status = chance.choices(long_due, weights=[40, 40, 5, 5, 10])[0]
            else:
                status = chance.choices(not_yet_due, weights=[35, 50, 15])[0]
            updated = None
            if status != ActionStatus.NOT_STARTED:
                updated = min(today, due - dt.timedelta(days=chance.randrange(-30, 120)))
            actions.append(
                AgencyAction(
                    partnership=partnership,
                    recommendation=recommendation,
                    text=f"Action {position + 1} on recommendation {recommendation.number}: "
                    "audit the assessments and train the practitioners who made them.",
                    owner_agency=chance.choice(agencies),
                    due=due,
                    status=status,
                    completed=updated
                    if status in (ActionStatus.COMPLETED, ActionStatus.VERIFIED)
                    else None,
                    cancelled_reason="Superseded." if status == ActionStatus.CANCELLED else "",
                    last_update=updated,
                    position=position,
                )
            )
    actions = AgencyAction.objects.bulk_create(actions, batch_size=5000)
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(action=a, date=a.last_update, text="Audit under way.")
            for a in actions
            if a.last_update is not None
        ],
        batch_size=5000,
    )
    events = LearningEvent.objects.bulk_create(
        [
            LearningEvent(
                partnership=partnership,
                date=today - dt.timedelta(days=chance.randrange(0, 3650)),
                title=f"Learning event {n}",
                attendance=chance.randrange(10, 200),
            )
            for n in range(max(1, reviews // 8))
        ]
    )
    EventThemes, EventReviews = LearningEvent.themes.through, LearningEvent.reviews.through
    EventThemes.objects.bulk_create(
        [EventThemes(learningevent=e, theme=t) for e in events for t in chance.sample(themes, 2)]
    )
    EventReviews.objects.bulk_create(
        [EventReviews(learningevent=e, review=r) for e in events for r in chance.sample(made, 2)]
    )


def replayed(queries: list[dict[str, Any]]) -> float:
    """The time, in ms, of the page's SELECT statements sent again as they were sent."""
    from django.db import connection

    selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute(sql)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def show_queries(client: Any, url: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    for n, query in enumerate(captured.captured_queries, 1):
        print(f"  {n}. {query['sql'][:300]}")


def measure(client: Any, url: str) -> tuple[int, float, float, float, float]:
    """Queries, p50 and p95 of the page in ms, the median of the Python process's CPU time a
    request (less swayed by other work on the machine than the time on the clock), and the
    median time of its SELECTs replayed raw, in ms."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        client.get(url)
    timings, cpu, raw = [], [], []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        raw.append(replayed(captured.captured_queries))
    timings.sort()
    p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95) - 1]
    return len(captured.captured_queries), p50, p95, median(cpu), median(raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=500, help="the biggest partnership's")
    parser.add_argument("--country", type=int, default=9500, help="the other reviews'")
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL")
    options = parser.parse_args()
    with benchmark_database() as vendor:
        from django.db import connection
        from django.db.models import Count
        from django.test import Client

        from casereview.accounts.models import Partnership, User
        from casereview.actionplans.models import AgencyAction
        from casereview.reviews.models import NationalReview, Review
        from casereview.testing.fixtures import signed_in

        started = time.perf_counter()
        biggest = Partnership.objects.get(code="OSCB")
        populate(biggest, options.reviews, seed=15)
        if options.country:
            populate(Partnership.objects.get(code="NMSCP"), options.country, seed=16)
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"{vendor}: {AgencyAction.objects.count()} actions, "
            f"{AgencyAction.objects.filter(partnership=biggest).count()} of them the biggest "
            f"partnership's, made in {time.perf_counter() - started:.0f} s\n"
        )
        manager = signed_in(User.objects.get(username="manager@OSCB"), Client())
        lead = signed_in(User.objects.get(username="agency_lead@OSCB"), Client())
        review = (
            Review.objects.filter(partnership=biggest)
            .annotate(n=Count("recommendations__actions"))
            .order_by("-n")
            .first()
        )
        national = NationalReview.objects.filter(partnership=biggest).first()
        assert review is not None and national is not None
        pages = [
            ("monitoring, executive", manager, "/actions/monitoring/executive/"),
            ("monitoring, executive, page 5", manager, "/actions/monitoring/executive/?page=5"),
            ("monitoring, PAQA red", manager, "/actions/monitoring/paqa/?rag=red"),
            ("monitoring, by review", manager, "/actions/monitoring/executive/?sort=review"),
            ("your agency's actions", lead, "/actions/mine/"),
            ("a review's action plan", manager, f"/reviews/{review.pk}/action-plan/"),
            ("a national review", manager, f"/national-reviews/{national.pk}/"),
            ("learning in common", manager, "/learning/"),
            ("learning events", manager, "/learning/events/"),
        ]
        print(
            "| page (biggest partnership) | queries | p50 ms | p95 ms | CPU ms | raw SQL ms | ratio |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, client, url in pages:
            if options.show_queries:
                print(name)
                show_queries(client, url)
                continue
            queries, p50, p95, cpu, raw = measure(client, url)
            print(
                f"| {name} | {queries} | {p50:.0f} | {p95:.0f} | {cpu:.0f} | {raw:.1f} "
                f"| {p95 / raw:.1f} |"
            )


if __name__ == "__main__":
    main()
