"""casereview serve: the production server, gunicorn running the service's WSGI application.

The application is loaded once, before the workers are forked (`--preload`, see
`warmed_application`); a new release therefore needs the server restarted (TERM, then start
it again), not only its workers (HUP).

Workers: 2 x the cores this process may run on, plus 1, at most 9 (WEB_CONCURRENCY or
--workers choose otherwise). Bound to 127.0.0.1:8000, or BIND, or --bind: a reverse proxy
that ends TLS stands in front. Before gunicorn starts, the static files are collected into
STATIC_ROOT (by default `static` in the data directory) when they are missing or older than
the package's; a deployment that collects them itself passes --no-collectstatic.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand
from django.db import connections
from django.template.loader import get_template
from django.urls import get_resolver

from casereview.core.environment import data_dir

MAX_WORKERS = 9
# Long enough for the slowest page a person may ask for (a board report as PDF, an import of
# a 50 MB tracker); a worker stuck longer is restarted.
WORKER_TIMEOUT_SECONDS = 120
# Each worker is replaced after this many requests (give or take the jitter), so that memory
# a long-lived process gathers is given back.
MAX_REQUESTS = 2000
MAX_REQUESTS_JITTER = 200


def warmed_application() -> WSGIHandler:
    """The service's WSGI application with every view imported and the base template compiled.

    gunicorn loads it once in its master process (--preload), before it forks the workers: a
    worker, new or replacing one that served its MAX_REQUESTS, answers its first request at
    once instead of importing every view first (seconds, on a busy machine). Nothing here may
    open a database connection, which the workers would share.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    get_resolver().url_patterns  # noqa: B018  (imports every app's views)
    get_template("base.html")
    connections.close_all()
    return application


def workers_for_this_machine() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(2 * (cores or 1) + 1, MAX_WORKERS)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a whole number above 0")
    return value


def static_files_need_collecting(static_root: Path) -> bool:
    """True when STATIC_ROOT has no manifest, or one older than a file the finders find."""
    manifest = static_root / "staticfiles.json"
    if not manifest.is_file():
        return True
    collected_at = manifest.stat().st_mtime
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            if Path(storage.path(path)).stat().st_mtime > collected_at:
                return True
    return False


class Command(BaseCommand):
    help = "Run the production server (gunicorn), with workers sized to the machine."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("BIND") or "127.0.0.1:8000",
            help="HOST:PORT to listen on (default: BIND, or 127.0.0.1:8000)",
        )
        parser.add_argument(
            "--workers",
            type=positive_int,
            default=None,
            help="worker processes (default: WEB_CONCURRENCY, or 2 x cores + 1, at most "
            f"{MAX_WORKERS})",
        )
        parser.add_argument(
            "--threads",
            type=positive_int,
            default=1,
            help="threads in each worker (default 1)",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="the deployment has collected the static files into STATIC_ROOT already",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # With DEBUG off, the settings have already refused a missing or weak SECRET_KEY.
        if settings.DEBUG:
            self.refuse(
                "DEBUG is on, which shows anyone the service's code and settings on an "
                "error; unset DEBUG (and set SECRET_KEY and AUDIT_KEY) to serve"
            )
        environment = dict(os.environ)
        static_root = Path(settings.STATIC_ROOT or data_dir() / "static")
        environment["STATIC_ROOT"] = str(static_root)
        if not options["no_collectstatic"] and static_files_need_collecting(static_root):
            self.collect_static(environment)
        workers = options["workers"] or self.workers_from(environment)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            f"{__name__}:warmed_application()",
            "--preload",
            f"--bind={options['bind']}",
            f"--workers={workers}",
            f"--threads={options['threads']}",
            f"--timeout={WORKER_TIMEOUT_SECONDS}",
            f"--max-requests={MAX_REQUESTS}",
            f"--max-requests-jitter={MAX_REQUESTS_JITTER}",
            "--error-logfile=-",  # gunicorn's own messages on stderr; requests on stdout
            # No control socket: one more way into the server, and servers sharing a home
            # directory would share its path.
            "--no-control-socket",
        ]
        self.stderr.write(
            f"casereview serve: {workers} workers x {options['threads']} threads on "
            f"{options['bind']}, static files from {static_root}"
        )
        self.stderr.flush()
        sys.stdout.flush()
        # gunicorn takes this process's place: signals (TERM, HUP, TTIN) reach it directly.
        os.execve(sys.executable, command, environment)  # noqa: S606

    def workers_from(self, environment: dict[str, str]) -> int:
        raw = environment.get("WEB_CONCURRENCY", "")
        if not raw:
            return workers_for_this_machine()
        try:
            return positive_int(raw)
        except (ValueError, argparse.ArgumentTypeError):
            self.refuse(f"WEB_CONCURRENCY={raw!r} is not a whole number above 0")

    def collect_static(self, environment: dict[str, str]) -> None:
        finished = subprocess.run(
            [sys.executable, "-m", "casereview", "collectstatic", "--noinput", "--verbosity=0"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if finished.returncode != 0:
            self.refuse(
                f"collecting the static files into {environment['STATIC_ROOT']} failed: "
                + (finished.stderr.strip().splitlines() or ["(no message)"])[-1]
            )

    def refuse(self, message: str) -> NoReturn:
        self.stderr.write(f"casereview serve: refusing to start: {message}")
        sys.exit(1)
