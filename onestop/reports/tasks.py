"""Background work of the reports app (django-tasks; db_worker runs them)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from onestop.reports import facts, services
from onestop.reports.models import Export


@task()
def build_export(export_id: int) -> str:
    export = Export.objects.select_related("center", "requested_by").filter(pk=export_id).first()
    if export is None:
        return "gone"
    return services.export_build(export).status


@task()
def refresh_facts(center_id: int | None = None, days: int | None = 2) -> int:
    """The last ``days`` days (and the snapshots), or everything when ``days`` is None."""
    since = timezone.localdate() - dt.timedelta(days=days) if days is not None else None
    return facts.refresh(center_id=center_id, since=since).rows
