"""python manage.py worker: django-tasks-db's db_worker, plus a heartbeat and the reaper, so a
task claimed by a worker that was killed runs again (see onestop/core/workers.py). Takes the
same options as db_worker."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from onestop.core import workers


class Command(DbWorkerCommand):
    help = "Run the task worker, with a heartbeat and the reaper of dead workers' tasks."

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"]  # db_worker's option: given, or a random one
        workers.beat(worker_id)
        workers.reap()  # what a previous run of this machine left behind
        heartbeat = workers.Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stopped.set()
