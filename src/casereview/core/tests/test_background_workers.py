"""Background work in more than one worker: each queued job runs once.

django-tasks' database backend claims a job in a transaction with SELECT ... FOR UPDATE SKIP
LOCKED on PostgreSQL (an exclusive transaction on SQLite), so a second worker passes over a
job the first has taken. Two workers here share one queue, each on its own connection.

On SQLite the test database is one in-memory database shared between threads, whose locks
fail at once where a file's would wait: there one worker runs the queue, and the test holds
what is true of every worker count, each job run once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from django.db import connection
from django_tasks import task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

JOBS = 24
runs: list[int] = []
runs_lock = threading.Lock()


@task()
def note_run(job: int) -> int:
    time.sleep(0.02)  # long enough for the other worker to look for work meanwhile
    with runs_lock:
        runs.append(job)
    return job


def work_through_the_queue(name: str) -> None:
    try:
        Worker(
            queue_names=["default"],
            interval=0.05,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=name,
            excluded_queue_names=[],
        ).run()
    finally:
        connection.close()


def worker_names() -> list[str]:
    return ["one", "two"] if connection.vendor == "postgresql" else ["one"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_queue_run_each_job_once() -> None:
    runs.clear()
    for job in range(JOBS):
        note_run.enqueue(job)

    workers = [threading.Thread(target=work_through_the_queue, args=(n,)) for n in worker_names()]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert Counter(runs) == Counter(range(JOBS))
    results = DBTaskResult.objects.filter(task_path__endswith="note_run")
    assert sorted(results.values_list("status", flat=True)) == ["SUCCESSFUL"] * JOBS
    assert all(len(result.worker_ids) == 1 for result in results)
    assert {result.worker_ids[0] for result in results} <= set(worker_names())
