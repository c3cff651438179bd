"""CPU and time per page at national scale, in-process, with DEBUG off as in production.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME \
        .venv/bin/python bench/page_cpu.py [--runs 30] [--only NAME] [--profile] [--html DIR]

Against a copy of the national data set (bench/national.py load; never the one others
read: each request writes an audit row), signed in as bench/national.py signs in. Per page:
its CPU ms (this process's: the database server's is not in it, so steadier than wall time
on a busy machine; the lowest decile the steadiest, for comparing two versions), and wall
p50/p95; --calls counts the Python function calls of a request (steady whatever the
load). --profile prints where the CPU goes (cProfile), page by
page; --html writes each page's HTML (CSRF tokens blanked) to DIR, to compare before and after
a change to the templates.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import as_in_production

as_in_production()
# Sealed with the benchmarks' AUDIT_KEY (as_in_production), not the development one
# bench/national.py seals with.
os.environ.setdefault(
    "AUDIT_ANCHOR_PATH",
    os.path.join(tempfile.gettempdir(), "casereview-national", "page-cpu-anchor.json"),
)

import national  # noqa: E402 (after the settings above: it reads them when it configures)

WARM_UP = 3
PAGES = [
    "home",
    "referral register",
    "referral register, filtered",
    "referral detail",
    "review register",
    "review detail",
    "audit trail, last page",
    "audit trail, by person",
]
# Beside the national benchmark's pages: a page that reads no record (the cost of any signed-in
# request: middleware, session, navigation, base.html) and a short list (that, and an audit row).
CHEAP = [
    national.Page("a page that reads no record", national.MANAGER, lambda r: "/accessibility/"),
    national.Page("agencies", national.MANAGER, lambda r: "/agencies/"),
]
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", help="Only the pages whose name holds this")
    parser.add_argument("--profile", action="store_true", help="Print where the CPU goes")
    parser.add_argument("--dump", help="With --profile: write each page's stats to this folder")
    parser.add_argument(
        "--calls", action="store_true", help="Also count Python function calls a request"
    )
    parser.add_argument("--html", help="Write each page's HTML to this folder")
    options = parser.parse_args()
    national.configure()
    import django

    django.setup()
    from django.test import Client

    from casereview.accounts.models import User
    from casereview.testing.fixtures import signed_in

    records = national.find_records()
    pages = CHEAP + [p for p in national.PAGES if p.name in PAGES]
    chosen = [p for p in pages if options.only is None or options.only.lower() in p.name.lower()]
    clients = {
        who: signed_in(User.objects.get(username=who), Client()) for who in {p.who for p in chosen}
    }
    print(f"{options.runs} requests a page; load average {os.getloadavg()[0]:.1f}\n")
    calls = " function calls |" if options.calls else ""
    print(f"| page | CPU ms p10 | CPU ms p50 | wall ms p50 | wall ms p95 |{calls}")
    print("|---|---|---|---|---|" + ("---|" if options.calls else ""))
    for page in chosen:
        client, url = clients[page.who], page.url(records)
        for _ in range(WARM_UP):
            body = answer(client, url)
        if options.html:
            folder = Path(options.html)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / (re.sub(r"\W+", "-", page.name) + ".html")).write_text(
                CSRF.sub(r"\1\2", body)
            )
        profiler = cProfile.Profile(time.process_time) if options.profile else None
        cpu, wall = [], []
        for _ in range(options.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            answer(client, url)
            if profiler:
                profiler.disable()
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        wall.sort()
        cpu.sort()
        p95 = wall[math.ceil(0.95 * len(wall)) - 1]
        print(
            f"| {page.name} | {cpu[len(cpu) // 10]:.1f} | {statistics.median(cpu):.1f} "
            f"| {statistics.median(wall):.1f} "
            f"| {p95:.1f} |" + (f" {calls_a_request(client, url):,} |" if options.calls else ""),
            flush=True,
        )
        if profiler:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            if options.dump:
                Path(options.dump).mkdir(parents=True, exist_ok=True)
                stats.dump_stats(Path(options.dump) / (re.sub(r"\W+", "-", page.name) + ".prof"))
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(25)
            print(out.getvalue())


def calls_a_request(client: object, url: str) -> int:
    """Python function calls one request makes: a count the machine's load does not move,
    to compare two versions of the code."""
    profiler = cProfile.Profile()
    profiler.enable()
    answer(client, url)
    profiler.disable()
    return int(pstats.Stats(profiler).total_calls)  # type: ignore[attr-defined]


def answer(client: object, url: str) -> str:
    response = client.get(url)  # type: ignore[attr-defined]
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}, not 200")
    return response.content.decode()


if __name__ == "__main__":
    main()
