"""A bounded load test: clients in threads ask a running `casereview serve` for a mix of pages
as several signed-in people, for a fixed time, and the figures are printed per page.

    # starts `casereview serve` itself on a free port (DEBUG off, plain HTTP), then stops it:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casereview_national \\
        .venv/bin/python bench/load.py --serve [--workers N] [--threads N]
    # or against a server already running on the same database:
    DATABASE_URL=... .venv/bin/python bench/load.py --url http://127.0.0.1:8000

Options: --clients (16), --duration seconds (30), --warm-up seconds (5), --partnership CODE
(by default the one with the most referrals: the biggest).

The people are signed in by writing their sessions into the database directly, past their
second factor, as `testing.fixtures.signed_in` does: the sign-in form's Argon2 and TOTP are
not what is measured, and a script cannot read an authenticator app. Each record page opened
writes its audit row, as in real use, so point it only at a database that may take them.
The clients run on the same machine as the server and take CPU from it: the figures are a
floor, and noisy while anything else runs.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

TARGET_RATE = 100  # requests per second, at 16 clients on 2 cores (issue 15)
TARGET_P95_MS = 250


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    path: str


@dataclass
class Figures:
    timings_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_examples: set[str] = field(default_factory=set)


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def setup_django() -> None:
    """Django for writing the sessions, with the server's keys: a session is signed in only
    under the SECRET_KEY it was made with."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    os.environ.setdefault(
        "SECRET_KEY", "load-test-only-" + "k3J9vQ2xL7mN4pR8sT1wY6zB5cD0fG2hJ4kL6nP8q"
    )
    os.environ.setdefault("AUDIT_KEY", "load-test-only-audit-" + "Qw8Er4Ty6Ui2Op0As")
    os.environ.setdefault("HTTPS", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    import django

    django.setup()


def biggest_partnership() -> str:
    from django.db.models import Count

    from casereview.referrals.models import Referral

    biggest = (
        Referral.objects.values("partnership__code")
        .annotate(n=Count("id"))
        .order_by("-n", "partnership__code")
        .first()
    )
    if biggest is None:
        sys.exit("bench/load.py: the database has no referral; load the demo or a data set")
    return str(biggest["partnership__code"])


def people_and_pages(code: str) -> tuple[dict[str, str], list[Page]]:
    """A session cookie per role, and the pages the mix asks for as each."""
    from casereview.accounts.models import Membership
    from casereview.referrals.models import Referral
    from casereview.reviews.models import Review

    roles = ["manager", "panel_member", "agency_lead", "national_panel", "scrutiny"]
    cookies: dict[str, str] = {}
    for role in roles:
        memberships = Membership.objects.filter(role=role).select_related("user")
        membership = (
            memberships.filter(partnership__code=code).first() if role != "national_panel" else None
        ) or memberships.first()
        if membership is not None:
            cookies[role] = session_for(membership)
    referrals = list(
        Referral.objects.filter(partnership__code=code)
        .order_by("-id")
        .values_list("id", flat=True)[:20]
    )
    reviews = list(
        Review.objects.filter(partnership__code=code)
        .order_by("-id")
        .values_list("id", flat=True)[:20]
    )
    pages = [
        Page("home", "manager", "/"),
        Page("referral register", "manager", "/referrals/"),
        Page("referral register, filtered", "panel_member", "/referrals/?decision=pending"),
        Page("review register", "manager", "/reviews/"),
        Page("monitoring, executive", "manager", "/actions/monitoring/executive/"),
        Page("learning in common", "manager", "/learning/"),
        Page("your agency's actions", "agency_lead", "/actions/mine/"),
        Page("home (panel member)", "panel_member", "/"),
        Page("national panel submissions", "national_panel", "/national-panel/"),
        Page("scrutiny", "scrutiny", "/scrutiny/"),
    ]
    pages += [Page("a referral", "panel_member", f"/referrals/{pk}/") for pk in referrals[:10]]
    pages += [Page("a review", "manager", f"/reviews/{pk}/") for pk in reviews[:10]]
    return cookies, [page for page in pages if page.role in cookies]


def session_for(membership: object) -> str:
    """A signed-in session past the second factor, acting in `membership`: its cookie value."""
    from django.conf import settings
    from django.test import Client

    from casereview.accounts.middleware import SESSION_KEY
    from casereview.testing.fixtures import signed_in

    client = signed_in(membership.user, Client())  # type: ignore[attr-defined]
    session = client.session
    session[SESSION_KEY] = membership.pk  # type: ignore[attr-defined]
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(workers: int | None, threads: int) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`casereview serve` on a free port, with DEBUG off and plain HTTP, until the block ends."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment.update(HTTPS="0", ALLOWED_HOSTS="127.0.0.1", REQUEST_LOG_LEVEL="WARNING")
    environment.setdefault("CASEREVIEW_DATA_DIR", tempfile.mkdtemp(prefix="casereview-load-"))
    command = [sys.executable, "-m", "casereview", "serve", f"--bind=127.0.0.1:{port}"]
    command += [f"--threads={threads}"] + ([f"--workers={workers}"] if workers else [])
    with tempfile.TemporaryFile() as messages:
        server = subprocess.Popen(  # noqa: S603
            command, env=environment, stdout=subprocess.DEVNULL, stderr=messages
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and server.poll() is None:
                with contextlib.suppress(OSError):
                    fetch(base, "/health/", "")
                    break
                time.sleep(0.3)
            if server.poll() is not None:
                messages.seek(0)
                sys.exit(
                    f"bench/load.py: casereview serve did not start:\n{messages.read().decode()}"
                )
            yield base, server
        finally:
            server.terminate()
            server.wait(timeout=60)


def fetch(base: str, path: str, cookie: str) -> int:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def cpu_seconds_of(pid: int) -> float:
    """CPU time of a process and its children (the gunicorn master and its workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for each in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def postgres_cpu_seconds() -> float:
    """CPU time of every PostgreSQL process on the machine (its connections stay open between
    requests, CONN_MAX_AGE, so those that served the test are counted)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            name, rest = stat.read_text().split(" (", 1)[1].rsplit(")", 1)
            if name.startswith("postgres"):
                fields = rest.split()
                total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def machine_busy_seconds() -> float:
    """CPU time the whole machine spent on anything but idling, all cores (/proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


@dataclass
class CpuSplit:
    """Where the machine's CPU went while the test ran: the server's processes, PostgreSQL's,
    the load clients (this process), and everything else."""

    server: float
    database: float
    clients: float
    machine: float

    @classmethod
    def now(cls, server_pid: int | None) -> CpuSplit:
        return cls(
            server=cpu_seconds_of(server_pid) if server_pid else 0.0,
            database=postgres_cpu_seconds(),
            clients=time.process_time(),
            machine=machine_busy_seconds(),
        )

    def since(self, before: CpuSplit) -> CpuSplit:
        return CpuSplit(
            self.server - before.server,
            self.database - before.database,
            self.clients - before.clients,
            self.machine - before.machine,
        )


def run_clients(
    base: str, cookies: dict[str, str], pages: list[Page], clients: int, seconds: float
) -> tuple[dict[str, Figures], float]:
    figures: dict[str, Figures] = defaultdict(Figures)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        chance = random.Random(number)
        while time.monotonic() < stop_at:
            page = chance.choice(pages)
            started = time.perf_counter()
            try:
                status = fetch(base, page.path, cookies[page.role])
                problem = None if status == 200 else f"{status} {page.path}"
            except OSError as error:
                problem = f"{type(error).__name__} {page.path}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                figure = figures[page.name]
                figure.timings_ms.append(elapsed)
                if problem:
                    figure.errors += 1
                    figure.error_examples.add(problem)

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return figures, time.monotonic() - started


def print_figures(
    figures: dict[str, Figures], elapsed: float, cpu: float | None, split: CpuSplit | None = None
) -> None:
    every = sorted(t for f in figures.values() for t in f.timings_ms)
    errors = sum(f.errors for f in figures.values())
    rate = len(every) / elapsed
    print("| page | requests | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for name, figure in sorted(figures.items()):
        timings = sorted(figure.timings_ms)
        print(
            f"| {name} | {len(timings)} | {percentile(timings, 0.5):.0f} | "
            f"{percentile(timings, 0.95):.0f} | {percentile(timings, 0.99):.0f} | {figure.errors} |"
        )
    print(
        f"| **all** | {len(every)} | {percentile(every, 0.5):.0f} | {percentile(every, 0.95):.0f}"
        f" | {percentile(every, 0.99):.0f} | {errors} |"
    )
    print(f"\n{rate:.1f} requests/s over {elapsed:.0f} s; {errors} errors", end="")
    if cpu is not None and every:
        print(f"; server CPU {cpu / len(every) * 1000:.1f} ms a request", end="")
    print()
    if split is not None and every:
        each = 1000 / len(every)
        other = split.machine - split.server - split.database - split.clients
        print(
            f"CPU a request, whole machine {split.machine * each:.1f} ms: server "
            f"{split.server * each:.1f}, PostgreSQL {split.database * each:.1f}, load clients "
            f"{split.clients * each:.1f}, anything else {max(other, 0) * each:.1f} "
            f"({os.cpu_count()} cores give {os.cpu_count() or 1:.0f} s of CPU a second: "
            f"{TARGET_RATE} requests a second leave {1000 * (os.cpu_count() or 1) / TARGET_RATE:.0f}"
            " ms a request for all of it)"
        )
    for figure in figures.values():
        for example in sorted(figure.error_examples)[:3]:
            print(f"  error: {example}")
    verdict = rate >= TARGET_RATE and percentile(every, 0.95) < TARGET_P95_MS and errors == 0
    print(
        f"target (>= {TARGET_RATE} req/s, p95 < {TARGET_P95_MS} ms, no errors): "
        + ("met" if verdict else "not met")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="a running casereview serve on the same database")
    where.add_argument("--serve", action="store_true", help="start casereview serve here")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--warm-up", type=float, default=5)
    parser.add_argument("--partnership", default=None)
    parser.add_argument(
        "--server-pid", type=int, default=None, help="with --url: the gunicorn master, for its CPU"
    )
    options = parser.parse_args()

    setup_django()
    from django.db import connection

    code = options.partnership or biggest_partnership()
    cookies, pages = people_and_pages(code)
    connection.close()
    print(
        f"{connection.vendor}, partnership {code}: {len(pages)} pages as "
        f"{', '.join(sorted(cookies))}; {options.clients} clients for {options.duration:.0f} s"
    )
    with contextlib.ExitStack() as stack:
        base, pid = options.url, options.server_pid
        if options.serve:
            base, server = stack.enter_context(served(options.workers, options.threads))
            pid = server.pid
        run_clients(base, cookies, pages, options.clients, options.warm_up)
        before = CpuSplit.now(pid)
        figures, elapsed = run_clients(base, cookies, pages, options.clients, options.duration)
        split = CpuSplit.now(pid).since(before)
        cpu = split.server if pid else None
    print_figures(figures, elapsed, cpu, split)


if __name__ == "__main__":
    main()
