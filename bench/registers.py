"""The registers and national lists at national scale: per page its queries, p50/p95 and the
raw SQL time of the same statements replayed, as a table.

Against a database already loaded (the national data set, or one this script seeds):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_national \
        .venv/bin/python bench/registers.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_registers_bench \
        .venv/bin/python bench/registers.py --seed   # demo + bulk rows of national size first

The last pages ask for both `last=1` (keyset paging) and `page=9999` (offset paging, which
shows its last page for a number past it), so one URL measures both.

Templates render as in production (cached loader, no test instrumentation) unless
`--as-in-tests` is given.

Each request runs in a transaction rolled back afterwards: the page's audit row is not kept,
so the data set is left as it was.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

RUNS = 30


def seed() -> None:
    """The demo, then rows of national size: 50,000 referrals over 40 partnerships (OSCB the
    biggest, 2,500), a third decided, 21,000 submissions, 475,000 audit rows (30,000 OSCB's)."""
    from django.core.management import call_command
    from django.db import connection

    from casereview.accounts.models import Agency, Partnership
    from casereview.testing.bulk import bulk_referrals

    call_command("demo", password="benchmark-password")
    oscb = Partnership.objects.get(code="OSCB")
    bulk_referrals(oscb, 2500)
    for n in range(39):
        other = Partnership.objects.create(
            code=f"B{n:02d}", name=f"Bench partnership {n}", nation="england"
        )
        Agency.objects.create(partnership=other, name="Police", kind="police")
        bulk_referrals(other, 1218, seed=n)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO referrals_panelsubmission (submitted, submitted_precision, response,
                response_date_precision, response_note, local_response, partnership_id,
                referral_id, reply_due)
            SELECT r.received + 20, 'day',
                (ARRAY['awaiting','agreed','contested','more_information'])[1 + r.id % 4],
                'day', '', '', r.partnership_id, r.id, r.id % 9 = 0
            FROM referrals_referral r JOIN referrals_decision d ON d.referral_id = r.id
            WHERE r.id NOT IN (SELECT referral_id FROM referrals_panelsubmission)
            """
        )
        cursor.execute(
            """
            INSERT INTO core_auditevent (occurred_at, actor_username, role, action, object_type,
                object_id, object_repr, changes, request_id, previous_hash, hash, partnership_id)
            SELECT now() - make_interval(mins => 475000 - n), 'person' || (n % 37) || '@'
                || p.code, 'manager', (ARRAY['view','change','create','sign_in'])[1 + n % 4],
                'referrals.referral', (n % 5000)::text,
                'Referral ' || p.code || '-' || (n % 5000) || ' child ' || md5(n::text),
                '{}'::jsonb, '', '', md5('bench' || n::text), p.id
            FROM generate_series(1, 475000) AS n
            JOIN accounts_partnership p ON p.code = CASE WHEN n % 16 = 0 THEN 'OSCB'
                ELSE 'B' || lpad((n % 39)::text, 2, '0') END
            """
        )
        cursor.execute("ANALYZE")


def pages() -> dict[str, tuple[str, str]]:
    from casereview.referrals.models import PanelSubmission

    deepest = PanelSubmission.objects.order_by("submitted", "id").first()
    return {
        "referral register": ("panel_member@OSCB", "/referrals/"),
        "referral register, filtered": (
            "panel_member@OSCB",
            "/referrals/?decision=pending&due=overdue&outcome=review_required",
        ),
        "home (panel member)": ("panel_member@OSCB", "/"),
        "home (manager)": ("manager@OSCB", "/"),
        "review register": ("manager@OSCB", "/reviews/"),
        "submissions, page 1": ("national_panel@OSCB", "/national-panel/"),
        "submissions, last page": ("national_panel@OSCB", "/national-panel/?last=1&page=9999"),
        "submission": ("national_panel@OSCB", f"/national-panel/{deepest.pk}/"),
        "audit trail": ("manager@OSCB", "/audit/"),
        "audit trail, last page": ("manager@OSCB", "/audit/?last=1&page=9999"),
        "audit trail, by text": ("manager@OSCB", "/audit/?record=child+3a4"),
        "people": ("manager@OSCB", "/people/"),
        "agencies": ("manager@OSCB", "/agencies/"),
    }


def measure(url: str, client: object) -> tuple[list[float], float, float, int, int]:
    """The page's wall-clock times, its median CPU time in this process (Python's share, less
    disturbed by other work on the machine), the raw time of its SELECTs replayed, its status
    and its number of queries."""
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    timings, cpu, raw, status, count = [], [], 0.0, 0, 0
    for run in range(RUNS + 1):
        reset_queries()
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, HTTP_HOST="127.0.0.1")  # type: ignore[attr-defined]
            elapsed = (time.perf_counter() - started) * 1000
            elapsed_cpu = (time.process_time() - started_cpu) * 1000
            status, count = response.status_code, len(queries)
            transaction.set_rollback(True)
        if run:  # the first is the warm-up
            timings.append(elapsed)
            cpu.append(elapsed_cpu)
    replays = []
    for _ in range(5):
        with transaction.atomic(), connection.cursor() as cursor:
            started = time.perf_counter()
            for query in queries.captured_queries:
                if query["sql"].lstrip().upper().startswith("SELECT"):
                    cursor.execute(query["sql"])
                    cursor.fetchall()
            replays.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    raw = statistics.median(replays)
    return timings, statistics.median(cpu), raw, status, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--as-in-tests",
        action="store_true",
        help="render templates as the test environment does (each render signalled, its "
        "context copied): how bench/_setup.py measures",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from casereview.accounts.models import User
    from casereview.testing.fixtures import signed_in

    if args.as_in_tests:
        setup_test_environment()
    if args.seed:
        seed()
    print("| page | status | queries | p50 ms | p95 ms | CPU p50 ms | raw SQL ms | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    clients: dict[str, Client] = {}
    for name, (username, url) in pages().items():
        if args.only and args.only not in name:
            continue
        if username not in clients:
            clients[username] = signed_in(User.objects.get(username=username), Client())
        timings, cpu, raw, status, count = measure(url, clients[username])
        timings.sort()
        p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95) - 1]
        print(
            f"| {name} | {status} | {count} | {p50:.1f} | {p95:.1f} | {cpu:.1f} | {raw:.1f} | "
            f"{p95 / raw if raw else 0:.1f} |",
            flush=True,
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
