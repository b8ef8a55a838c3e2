"""The task worker's own probe: ``manage.py check_worker`` queues it and waits for it."""

from __future__ import annotations

import time

from django_tasks import task


@task()
def probe(key: str, seconds: float = 0.0) -> str:
    """Sleeps, then answers its key. It changes nothing, so running it twice (after its
    worker died half-way) is as harmless as once: the shape every task body here follows."""
    if seconds:
        time.sleep(min(seconds, 60.0))
    return key
