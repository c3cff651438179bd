"""How long the referral register takes to render with 5,000 referrals.

.venv/bin/python bench/referral_register.py            # SQLite
DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_bench .venv/bin/python bench/referral_register.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import benchmark_database, report

REFERRALS = 5000
RUNS = 20


def main() -> None:
    with benchmark_database() as vendor:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from casereview.accounts.models import Partnership, User
        from casereview.testing.bulk import bulk_referrals
        from casereview.testing.fixtures import signed_in

        started = time.perf_counter()
        bulk_referrals(Partnership.objects.get(code="OSCB"), REFERRALS)
        print(f"{vendor}: made {REFERRALS} referrals in {time.perf_counter() - started:.1f} s")
        # Signed in past the second factor, as a person is (a bare login is sent to set it up).
        client = signed_in(User.objects.get(username="panel_member@OSCB"), Client())
        pages = {
            "register, first page": "/referrals/",
            "register, filtered": "/referrals/?decision=pending&due=overdue&outcome=review_required",
            "register, page 50": "/referrals/?page=50",
            "home page": "/",
        }
        for name, url in pages.items():
            client.get(url)  # warm up
            timings = []
            for _ in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url, HTTP_HOST="127.0.0.1")
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
            report(f"{vendor} {name} ({len(queries)} queries)", timings)


if __name__ == "__main__":
    main()
