"""A throwaway database for a benchmark: SQLite unless DATABASE_URL is set.

SQLite's test database is held in memory (Django's default for tests), so the rows a benchmark
writes count in its process's memory; `on_disk=True` keeps it in a file in a temporary folder
instead, as a deployed SQLite database is. With DATABASE_URL pointing at PostgreSQL, each
process of the benchmark makes its own database beside the one named, and drops it afterwards.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator


def as_in_production() -> None:
    """Settings as in production, DEBUG off with keys for benchmarks only, but for plain HTTP
    from the test client and without a log line a request. Before Django is set up."""
    os.environ["DEBUG"] = "0"
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-" + "k3J9vQ2xL7mN4pR8sT1wY6zB5cD0fG2hJ4kL6nP8qS0u"
    )
    os.environ.setdefault("AUDIT_KEY", "bench-only-audit-" + "Qw8Er4Ty6Ui2Op0As")
    os.environ.setdefault("HTTPS", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")


@contextlib.contextmanager
def benchmark_database(*, on_disk: bool = False) -> Iterator[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    os.environ.setdefault("DEBUG", "1")
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("CASEREVIEW_DATA_DIR", folder)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import setup_test_environment

        setup_test_environment()
        if on_disk and connection.vendor == "sqlite":
            connection.settings_dict["TEST"]["NAME"] = os.path.join(folder, "benchmark.sqlite3")
        elif connection.vendor != "sqlite":
            # A database for each process: a benchmark may run its cases in processes of their
            # own while the one that started them holds its own database.
            name = connection.settings_dict["NAME"]
            connection.settings_dict["TEST"]["NAME"] = f"test_{name}_{os.getpid()}"
        old_name = connection.settings_dict["NAME"]
        test_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
        try:
            call_command("demo", password="benchmark-password", stdout=_Quiet(), stderr=_Quiet())
            yield connection.vendor
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            del test_name


class _Quiet:
    def write(self, *args: object) -> None:
        pass

    def flush(self) -> None:
        pass


def report(name: str, timings: list[float], unit: str = "ms") -> None:
    timings = sorted(timings)
    median = timings[len(timings) // 2]
    print(
        f"{name}: median {median:.1f} {unit}, min {timings[0]:.1f} {unit}, "
        f"max {timings[-1]:.1f} {unit} over {len(timings)} runs",
        file=sys.stdout,
    )
