"""Task workers that do not lose work: a heartbeat per worker, and a reaper that puts back in
the queue the tasks a dead worker had claimed. Task bodies are written to be idempotent (a
task may run again after its worker died half-way), so running one twice is safe."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from onestop.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:200],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


def reap(stale_seconds: float | None = None) -> int:
    """Requeue every running task whose worker has not beaten for ``stale_seconds``."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    stale = stale_seconds if stale_seconds is not None else settings.WORKER_STALE_SECONDS
    alive = set(
        WorkerHeartbeat.objects.filter(
            seen_at__gte=timezone.now() - timedelta(seconds=stale)
        ).values_list("worker_id", flat=True)
    )
    requeued = 0
    with transaction.atomic():
        for task in DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING
        ).select_for_update():
            owner = task.worker_ids[-1] if task.worker_ids else ""
            if owner in alive:
                continue
            DBTaskResult.objects.filter(pk=task.pk).update(
                status=TaskResultStatus.READY, started_at=None
            )
            logger.warning(
                "requeued task %s (%s): worker %s stopped", task.pk, task.task_path, owner
            )
            requeued += 1
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()
    return requeued


class Heartbeat(threading.Thread):
    """Beats every WORKER_HEARTBEAT_SECONDS and reaps dead workers' tasks as it goes."""

    daemon = True

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}")
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                beat(self.worker_id)
                reap()
            except Exception:  # a database hiccup must not kill the beat; the next try will do
                logger.exception("worker heartbeat failed")
            self.stopped.wait(settings.WORKER_HEARTBEAT_SECONDS)
