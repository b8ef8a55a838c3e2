from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualName:
    """``name`` in the active language: Thai first, English when the UI is English (falling
    back to Thai when no English name was given)."""

    name_th: str
    name_en: str

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("th"):
            return self.name_th
        return self.name_en or self.name_th


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """Optimistic concurrency: an edit carries the version it read; a stale one gets 409."""

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class WorkerHeartbeat(models.Model):
    """A task worker saying it is alive (``manage.py worker``), every few seconds. A task left
    "running" by a worker that stopped beating (killed, out of memory, the machine restarted)
    is put back in the queue by ``core.workers.reap``: django-tasks-db alone would leave it
    running for ever (its issue #5)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at}"
