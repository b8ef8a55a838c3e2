"""manage.py worker: a task whose worker is killed with SIGKILL half-way runs again after a
restart. Real worker processes against the test database (PostgreSQL: an in-memory SQLite
test database cannot be shared with another process)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from onestop.core import workers
from onestop.core.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[2]


def _wait(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _worker(worker_id: str) -> subprocess.Popen[bytes]:
    s = connection.settings_dict
    url = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    env = {k: v for k, v in os.environ.items() if k != "ONESTOP_TESTING"}
    env.update(
        DATABASE_URL=url,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        WORKER_HEARTBEAT_SECONDS="1",
        WORKER_STALE_SECONDS="3",
    )
    env.pop("REDIS_URL", None)
    return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [
            sys.executable,
            "manage.py",
            "worker",
            "--worker-id",
            worker_id,
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_killed_workers_task_runs_again(transactional_db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: an in-memory SQLite test database is not shared")

    task = DBTaskResult.objects.create(
        args_kwargs={"args": ["probe-1", 4.0], "kwargs": {}},
        task_path="onestop.core.tasks.probe",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - dt.timedelta(seconds=1),
        exception_class_path="",
        traceback="",
    )
    first = _worker("worker-a")
    second = None
    try:
        assert _wait(lambda: DBTaskResult.objects.get(pk=task.pk).status == "RUNNING")
        first.send_signal(signal.SIGKILL)  # mid-task: the probe sleeps four seconds
        first.wait(10)
        assert DBTaskResult.objects.get(pk=task.pk).status == "RUNNING"  # left behind
        second = _worker("worker-b")
        assert _wait(lambda: DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL", 60)
        done = DBTaskResult.objects.get(pk=task.pk)
        assert done.worker_ids == ["worker-a", "worker-b"]
        assert done.return_value == "probe-1"
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)


def test_the_reaper_leaves_live_workers_tasks_alone(db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    def running(worker: str) -> DBTaskResult:
        return DBTaskResult.objects.create(
            args_kwargs={"args": ["x"], "kwargs": {}},
            task_path="onestop.core.tasks.probe",
            backend_name="default",
            run_after=timezone.now(),
            status="RUNNING",
            started_at=timezone.now(),
            worker_ids=[worker],
            exception_class_path="",
            traceback="",
        )

    alive, dead = running("alive"), running("dead")
    workers.beat("alive")
    WorkerHeartbeat.objects.create(
        worker_id="dead", seen_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert workers.reap(stale_seconds=60) == 1
    assert DBTaskResult.objects.get(pk=alive.pk).status == "RUNNING"
    requeued = DBTaskResult.objects.get(pk=dead.pk)
    assert requeued.status == "READY" and requeued.started_at is None


def test_check_worker_says_a_worker_ran_the_probe(db: None) -> None:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("check_worker", "--timeout", "5", stdout=out)  # tests run tasks inline
    assert "probe" in out.getvalue()
