"""CPU a signed-in request costs, through every middleware, in-process (the test client), on
the demo partnerships with 2,500 more referrals: per page its CPU ms, wall ms and queries.

    .venv/bin/python bench/request_cpu.py                 # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/request_cpu.py
    .venv/bin/python bench/request_cpu.py --profile       # and where the CPU goes (cProfile)

Settings as in production (DEBUG off) but for plain HTTP. CPU time is this process's alone
(the database server's is not in it), so it is steadier than wall time on a busy machine.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import as_in_production, benchmark_database

as_in_production()

RUNS = 40
REFERRALS = 2500


def main() -> None:
    profile = "--profile" in sys.argv
    with benchmark_database() as vendor:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from casereview.accounts.models import Partnership, User
        from casereview.referrals.models import Referral
        from casereview.testing.bulk import bulk_referrals
        from casereview.testing.fixtures import signed_in

        bulk_referrals(Partnership.objects.get(code="OSCB"), REFERRALS)
        manager = signed_in(User.objects.get(username="manager@OSCB"), Client())
        referral = Referral.objects.filter(partnership__code="OSCB").order_by("-id").first()
        assert referral is not None
        pages = {
            "home": "/",
            "referral register": "/referrals/",
            "a referral": f"/referrals/{referral.pk}/",
            "agencies": "/agencies/",
        }
        profiler = cProfile.Profile()
        total_cpu = 0.0
        print(f"{vendor}: {RUNS} requests a page, manager@OSCB signed in")
        for name, url in pages.items():
            manager.get(url)  # warm up
            cpu, wall = [], []
            for _ in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    if profile:
                        profiler.enable()
                    response = manager.get(url)
                    if profile:
                        profiler.disable()
                    cpu.append((time.process_time() - started_cpu) * 1000)
                    wall.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            cpu.sort()
            wall.sort()
            total_cpu += sum(cpu)
            print(
                f"  {name}: CPU median {cpu[RUNS // 2]:.1f} ms, wall median "
                f"{wall[RUNS // 2]:.1f} ms, {len(queries)} queries"
            )
        print(f"  mean CPU over every request: {total_cpu / (RUNS * len(pages)):.1f} ms")
        if profile:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            if dump := os.environ.get("PROFILE_TO"):
                profiler.dump_stats(dump)


if __name__ == "__main__":
    main()
