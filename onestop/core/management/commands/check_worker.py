"""python manage.py check_worker: queue a probe task and wait for a worker to run it (a
deployment's health check of the task queue). Exits 1 when no worker answered in time."""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.core.tasks import probe


class Command(BaseCommand):
    help = "Queue a probe task and wait for a worker to run it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=float, default=30.0)

    def handle(self, *args: Any, **options: Any) -> None:
        key = secrets.token_hex(8)
        result = probe.enqueue(key)
        deadline = time.monotonic() + options["timeout"]
        while time.monotonic() < deadline:
            if not result.is_finished:  # an inline backend (tests) has already run it
                result.refresh()
            if result.is_finished:
                if result.return_value != key:
                    raise CommandError(f"the probe failed: {result.status}")
                self.stdout.write(f"a worker ran the probe ({result.worker_ids[-1]})")
                return
            time.sleep(0.5)
        raise CommandError("no worker ran the probe in time")
