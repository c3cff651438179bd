"""The national benchmark: every partnership in one PostgreSQL database, and its pages timed.

    .venv/bin/python bench/national.py load [--scale 0.02] [--seed 15] [--force]
    .venv/bin/python bench/national.py pages [--runs 30] [--only NAME] [--json FILE]

DATABASE_URL names the database (default postgres://postgres@127.0.0.1:5432/casereview_national).
`load` makes it if it is missing and migrates it; it refuses one that holds tables unless given
`--force`, which drops and recreates it. It then writes the national data set
(casereview.testing.national) and anchors its audit trail in AUDIT_ANCHOR_PATH (default
/tmp/casereview-national/<database>-anchor.json, so `casereview audit verify` run with the
same DATABASE_URL, AUDIT_ANCHOR_PATH and DEBUG=1 checks it).

`pages` first copies the national database to `<name>_pages` (made afresh each run, so the
audit rows its requests write never reach the national data set), then serves the pages with
the settings of production (DEBUG off). It signs in as the person each page is for (the
biggest partnership's manager, its children's social care lead, a national panel member),
in-process with Django's test Client, and after a warm-up times `--runs` requests of each page.
Each request's statements, its writes too (the audit row's lock, read and insert, and the
session's update), are run again with a raw cursor in a transaction that is then rolled back:
the floor the page could reach. It prints a table: page | rows | queries | p50 ms | p95 ms |
raw SQL p50 and p95 ms | ratio at p50 and at p95 (the page's time over the raw SQL's, like for
like). Rows are the table rows the page rendered (in <tbody>); queries counts every statement
but BEGIN, COMMIT and savepoints. Every page must answer 200.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/casereview_national"
WARM_UP = 3
LAST_PAGE = "999999"  # the paginator answers a page past the end with the last page
# Statements that are not the page's queries: transaction control.
TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.I)
# A server-side cursor (QuerySet.iterator()) opens over a SELECT, replayed as the SELECT.
CURSOR = re.compile(r"^\s*DECLARE\s.*?\sCURSOR\s.*?\bFOR\s+(?=SELECT|WITH)", re.I | re.S)
TABLE_BODY = re.compile(r"<tbody.*?</tbody>", re.S)


def configure() -> str:
    """Settings for the benchmark: DEBUG on (its development keys) and the national database."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    os.environ.setdefault("DEBUG", "1")
    name = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/")
    anchor = Path(tempfile.gettempdir()) / "casereview-national" / f"{name}-anchor.json"
    os.environ.setdefault("AUDIT_ANCHOR_PATH", str(anchor))
    return name


# Loading ---------------------------------------------------------------------------------


def load(scale: float, seed: int, force: bool) -> None:
    name = configure()
    prepare_database(name, force)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from casereview.testing.national import build_national

    started = time.perf_counter()
    print(f"migrating {name}", flush=True)
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.0f} s; writing the national data set")
    made = build_national(
        scale=scale, seed=seed, progress=lambda line: print(f"  {line}", flush=True)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # plans as a settled database would have them
    for record, count in made.counts.items():
        print(f"{count:>9,} {record}")
    print(f"written in {made.seconds:.0f} s; {time.perf_counter() - started:.0f} s in all")
    print(f"audit anchor: {os.environ['AUDIT_ANCHOR_PATH']}")


def unsealed(sql: str, params: Any) -> tuple[str, Any]:
    """The statement to replay: an audit row's seal (its last column) is unique, so a
    replayed row gets another of the same length."""
    if sql.startswith('INSERT INTO "core_auditevent"'):
        params = [*params[:-1], os.urandom(32).hex()]
    return sql, params


def copy_for_pages(suffix: str = "pages") -> str:
    """Copy the national database to `<name>_<suffix>` and point the settings at the copy, with
    DEBUG off as in production (the benchmarks' keys, so its audit rows are sealed with them)."""
    import psycopg

    sys.path.insert(0, str(Path(__file__).parent))
    from _setup import as_in_production

    national = configure()
    copy = f"{national}_{suffix}"
    url = urlsplit(os.environ["DATABASE_URL"])
    server = url._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{national}"')
    os.environ["DATABASE_URL"] = url._replace(path=f"/{copy}").geturl()
    os.environ["AUDIT_ANCHOR_PATH"] = str(
        Path(tempfile.gettempdir()) / "casereview-national" / f"{copy}-anchor.json"
    )
    as_in_production()
    return copy


def reuse_copy(suffix: str) -> str:
    """Point the settings at the copy `copy_for_pages(suffix)` made last, as it left it."""
    sys.path.insert(0, str(Path(__file__).parent))
    from _setup import as_in_production

    copy = f"{configure()}_{suffix}"
    url = urlsplit(os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = url._replace(path=f"/{copy}").geturl()
    os.environ["AUDIT_ANCHOR_PATH"] = str(
        Path(tempfile.gettempdir()) / "casereview-national" / f"{copy}-anchor.json"
    )
    as_in_production()
    return copy


def prepare_database(name: str, force: bool) -> None:
    """An empty database named `name`: made if missing, dropped and made again if `force`."""
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    server = url._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not force:
            with psycopg.connect(url.geturl()) as target:
                tables = target.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                ).fetchone()
            if tables and tables[0]:
                sys.exit(f"{name} holds {tables[0]} tables: give --force to drop and reload it")
            return
        if exists:
            print(f"dropping {name}", flush=True)
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


# Pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str
    who: str  # the username signed in
    url: Callable[[dict[str, Any]], str]  # given the records found (find_records)


MANAGER, LEAD, PANEL = "manager@BIG", "agency_lead@BIG", "national_panel@PANEL"

PAGES = [
    Page("home", MANAGER, lambda r: "/"),
    Page("referral register", MANAGER, lambda r: "/referrals/"),
    Page(
        "referral register, filtered",
        MANAGER,
        lambda r: "/referrals/?decision=pending&outcome=consider_review",
    ),
    Page("referral register, last page", MANAGER, lambda r: f"/referrals/?page={LAST_PAGE}"),
    Page("referral detail", MANAGER, lambda r: f"/referrals/{r['referral']}/"),
    Page("review register", MANAGER, lambda r: "/reviews/"),
    Page("review detail", MANAGER, lambda r: f"/reviews/{r['review']}/"),
    Page("review action plan", MANAGER, lambda r: f"/reviews/{r['review']}/action-plan/"),
    Page("monitoring, executive", MANAGER, lambda r: "/actions/monitoring/executive/"),
    Page("monitoring, PAQA red", MANAGER, lambda r: "/actions/monitoring/paqa/?rag=red"),
    Page("your agency's actions", LEAD, lambda r: "/actions/mine/"),
    Page("learning in common", MANAGER, lambda r: "/learning/"),
    Page("national panel submissions", PANEL, lambda r: "/national-panel/"),
    Page(
        "national panel submissions, last page",
        PANEL,
        lambda r: "/national-panel/?last=1",  # paged by key (ADR 0019)
    ),
    Page("submission detail", PANEL, lambda r: f"/national-panel/{r['submission']}/"),
    Page("report page", MANAGER, lambda r: "/reports/"),
    Page("audit trail, last page", MANAGER, lambda r: "/audit/?last=1"),
    Page("audit trail, by person", MANAGER, lambda r: f"/audit/?person={r['lead']}"),
    Page("audit trail, by text", MANAGER, lambda r: "/audit/?record=BIG-2019"),
]


@dataclass
class Figures:
    page: str
    url: str
    rows: int
    queries: int
    p50_ms: float
    p95_ms: float
    raw_p50_ms: float
    raw_p95_ms: float
    ratio_p50: float
    ratio_p95: float


def find_records() -> dict[str, Any]:
    """The biggest partnership's records the detail pages show: its newest referral sent to
    the Panel, its review with most actions, and that referral's submission."""
    from django.db.models import Count

    from casereview.accounts.models import User
    from casereview.referrals.models import PanelSubmission
    from casereview.reviews.models import Review

    submission = (
        PanelSubmission.objects.filter(partnership__code="BIG", response="agreed")
        .order_by("-submitted", "-pk")
        .first()
    )
    review = (
        Review.objects.filter(partnership__code="BIG")
        .annotate(actions=Count("recommendations__actions"))
        .order_by("-actions", "-commissioned", "pk")
        .first()
    )
    if submission is None or review is None:
        sys.exit("no partnership BIG with a submission and a review: run `load` first")
    return {
        "referral": submission.referral_id,
        "review": review.pk,
        "submission": submission.pk,
        "lead": User.objects.get(username=LEAD).pk,  # the audit trail's person, by account
    }


def time_page(client: Any, url: str, runs: int) -> Figures:
    from django.db import connection

    for _ in range(WARM_UP):
        body = answer(client, url)
    timings, raw, counts = [], [], []
    for _ in range(runs):
        statements: list[tuple[str, Any]] = []
        with connection.execute_wrapper(Recorder(statements)):
            started = time.perf_counter()
            answer(client, url)
            timings.append((time.perf_counter() - started) * 1000)
        counts.append(sum(1 for sql, _ in statements if not TRANSACTION.match(sql)))
        raw.append(replay(statements))
    p50, p95, raw_p50, raw_p95 = (
        statistics.median(timings),
        percentile(timings, 0.95),
        statistics.median(raw),
        percentile(raw, 0.95),
    )
    return Figures(
        page="",
        url=url,
        rows=table_rows(body),
        queries=max(counts),
        p50_ms=round(p50, 1),
        p95_ms=round(p95, 1),
        raw_p50_ms=round(raw_p50, 1),
        raw_p95_ms=round(raw_p95, 1),
        ratio_p50=round(p50 / raw_p50, 1),
        ratio_p95=round(p95 / raw_p95, 1),
    )


def percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[math.ceil(share * len(ordered)) - 1]


class Recorder:
    """Keeps each statement a request sends, with its parameters (DEBUG is off, so Django's
    own query log is empty)."""

    def __init__(self, statements: list[tuple[str, Any]]) -> None:
        self.statements = statements

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not many:
            self.statements.append((sql, params))
        return execute(sql, params, many, context)


def answer(client: Any, url: str) -> str:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}, not 200")
    return response.content.decode()


def table_rows(body: str) -> int:
    """The rows of the page's tables, headings left out: what it rendered."""
    return sum(block.count("<tr") for block in TABLE_BODY.findall(body))


def replay(statements: list[tuple[str, Any]]) -> float:
    """Milliseconds to run the request's statements again with a raw cursor, fetching every
    row, in one transaction that is then rolled back (the writes leave nothing behind)."""
    from django.db import connection, transaction

    kept = [unsealed(sql, params) for sql, params in statements if not TRANSACTION.match(sql)]
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            for sql, params in kept:
                cursor.execute(CURSOR.sub("", sql, count=1), params)
                if cursor.description is not None:
                    cursor.fetchall()
        transaction.set_rollback(True)
    return (time.perf_counter() - started) * 1000


def pages(runs: int, only: str | None, json_path: str | None) -> None:
    name = copy_for_pages()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the data set may predate the newest tables
    from django.test import Client

    from casereview.accounts.models import User
    from casereview.testing.fixtures import signed_in

    records = find_records()
    chosen = [p for p in PAGES if only is None or only.lower() in p.name.lower()]
    if not chosen:
        sys.exit(f"no page is named like {only!r}: {', '.join(p.name for p in PAGES)}")
    clients = {
        who: signed_in(User.objects.get(username=who), Client()) for who in {p.who for p in chosen}
    }
    results = []
    load_average = os.getloadavg()[0]
    print(
        f"{name}: {runs} requests a page after {WARM_UP} to warm up; "
        f"load average {load_average:.1f} on {os.cpu_count()} cores\n"
    )
    print(
        "| page | rows | queries | p50 ms | p95 ms | raw SQL p50 ms | raw SQL p95 ms "
        "| ratio p50 | ratio p95 |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for page in chosen:
        figures = time_page(clients[page.who], page.url(records), runs)
        figures.page = page.name
        results.append(figures)
        print(
            f"| {page.name} | {figures.rows} | {figures.queries} | {figures.p50_ms:.0f} "
            f"| {figures.p95_ms:.0f} | {figures.raw_p50_ms:.1f} | {figures.raw_p95_ms:.1f} "
            f"| {figures.ratio_p50:.1f} | {figures.ratio_p95:.1f} |",
            flush=True,
        )
    if json_path:
        figures = summary(name, runs, results) | {"load_average_at_start": load_average}
        Path(json_path).write_text(json.dumps(figures, indent=2) + "\n")
        print(f"\nwritten to {json_path}")


def summary(name: str, runs: int, results: list[Figures]) -> dict[str, Any]:
    return {
        "database": name,
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "runs": runs,
        "pages": [asdict(f) for f in results],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    loading = commands.add_parser("load", help="Make the national database and fill it")
    loading.add_argument("--scale", type=float, default=1.0, help="1 is national; 0.02 tiny")
    loading.add_argument("--seed", type=int, default=15)
    loading.add_argument("--force", action="store_true", help="Drop a database that has tables")
    timing = commands.add_parser("pages", help="Time the pages, print a table")
    timing.add_argument("--runs", type=int, default=30)
    timing.add_argument("--only", help="Only the pages whose name holds this")
    timing.add_argument("--json", help="Also write the figures to this file")
    options = parser.parse_args()
    if options.command == "load":
        load(options.scale, options.seed, options.force)
    else:
        pages(options.runs, options.only, options.json)


if __name__ == "__main__":
    main()
