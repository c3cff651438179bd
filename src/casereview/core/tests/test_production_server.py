"""`casereview serve`: gunicorn with the service, its static files cached for ten years."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from casereview.core.management.commands.serve import MAX_WORKERS, workers_for_this_machine
from casereview.testing.commands import casereview_process

FOREVER = "max-age=315360000, public, immutable"
MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_environment(data: Path, **changes: str) -> dict[str, str]:
    """The test run's keys and hosts, a data directory of its own and a file SQLite database."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "STATIC_ROOT", "WEB_CONCURRENCY"}
    }
    environment.update(
        CASEREVIEW_DATA_DIR=str(data),
        DATABASE_URL=f"sqlite:///{data / 'casereview.sqlite3'}",
        PYTHONPATH=os.pathsep.join(sys.path),
    )
    environment.update(changes)
    return environment


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """`casereview serve` on a free port, until the test ends."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "casereview", "serve", f"--bind=127.0.0.1:{port}", "--workers=1"],
        env=serve_environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # collecting the static files first, on a busy machine
        while time.monotonic() < deadline and server.poll() is None:
            try:
                get(f"{base}/health/")
                break
            except OSError:
                time.sleep(0.2)
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        yield base, tmp_path, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_answers_its_health_check_and_static_files_cached_for_ten_years(
    served: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    base, data, server = served
    status, headers, body = get(f"{base}/health/")
    assert (status, body) == (200, b"ok\n")

    manifest = json.loads((data / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["dist/app.css"]
    assert hashed != "dist/app.css"
    status, headers, body = get(f"{base}/static/{hashed}")
    assert status == 200
    assert headers["Cache-Control"] == FOREVER
    assert b"govuk" in body

    server.terminate()
    out, err = server.communicate(timeout=30)
    assert server.returncode == 0
    health_line = json.loads(out.splitlines()[0])
    assert health_line["path"] == "/health/"
    assert health_line["status"] == 200
    assert "1 workers x 1 threads" in err


def test_serve_refuses_to_start_with_debug_on(tmp_path: Path) -> None:
    result = casereview_process(
        "serve", "--bind=127.0.0.1:1", env=serve_environment(tmp_path, DEBUG="1")
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "casereview serve: refusing to start: DEBUG is on, which shows anyone the service's "
        "code and settings on an error; unset DEBUG (and set SECRET_KEY and AUDIT_KEY) to serve"
    ]
    assert not (tmp_path / "static").exists()


def test_serve_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    environment = serve_environment(tmp_path)
    del environment["SECRET_KEY"]
    result = casereview_process("serve", "--bind=127.0.0.1:1", env=environment)
    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_worker_count_that_is_not_a_number(tmp_path: Path) -> None:
    result = casereview_process("serve", "--workers=0", env=serve_environment(tmp_path))
    assert result.returncode == 2
    assert "0 is not a whole number above 0" in result.stderr


def test_workers_are_twice_the_cores_and_one_at_most_nine() -> None:
    cores = len(os.sched_getaffinity(0))
    assert workers_for_this_machine() == min(2 * cores + 1, MAX_WORKERS)


@pytest.fixture
def collected(tmp_path: Path) -> Iterator[Path]:
    """The static files collected into a STATIC_ROOT, as in production."""
    with override_settings(
        STATIC_ROOT=str(tmp_path), STORAGES=MANIFEST_STORAGES, WHITENOISE_USE_FINDERS=False
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path


@pytest.mark.django_db
def test_pages_name_static_files_by_their_contents_and_browsers_keep_them(
    collected: Path,
) -> None:
    client = Client()
    page = client.get("/cookies/").content.decode()
    manifest = json.loads((collected / "staticfiles.json").read_text())
    hashed = manifest["paths"]["dist/app.css"]
    assert f"/static/{hashed}" in page
    response = client.get(f"/static/{hashed}")
    assert response.status_code == 200
    assert response["Cache-Control"] == FOREVER


@pytest.mark.django_db
def test_without_collected_files_the_static_files_are_served_from_the_package() -> None:
    client = Client()
    assert "/static/dist/app.css" in client.get("/cookies/").content.decode()
    response = client.get("/static/dist/app.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
