"""Standard-report exports: requested by a person, produced in the background (tasks.py),
kept for seven days, and audited when requested, produced and downloaded."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log
from onestop.centers.models import Center
from onestop.reports import exporting, facts, standard
from onestop.reports.models import Export

MAX_RUNNING = 3  # exports a person may have waiting at once


def export_request(
    *, actor: User, center: Center, report: str, start: dt.date, end: dt.date, fmt: str
) -> Export:
    if not actor.can("can_view_reports"):
        raise PermissionDenied
    if report not in Export.Report.values:
        raise ValidationError({"report": [_("Choose a report.")]})
    if fmt not in Export.Format.values:
        raise ValidationError({"fmt": [_("Choose a format.")]})
    if end < start or (end - start).days > 366:
        raise ValidationError(_("A standard report covers at most one fiscal year."))
    waiting = Export.objects.filter(
        requested_by=actor, status__in=[Export.Status.QUEUED, Export.Status.RUNNING]
    ).count()
    if waiting >= MAX_RUNNING:
        raise ValidationError(_("Wait for your other exports to finish first."))
    with transaction.atomic():
        export = Export.objects.create(
            center=center,
            requested_by=actor,
            token=secrets.token_hex(16),
            report=report,
            start=start,
            end=end,
            fmt=fmt,
            expires_at=timezone.now() + dt.timedelta(days=Export.KEEP_DAYS),
        )
        audit_log(
            action="reports.export.requested",
            actor=actor,
            obj=export,
            data={"report": report, "from": str(start), "to": str(end), "format": fmt},
        )
        from onestop.reports.tasks import build_export

        pk = export.pk
        transaction.on_commit(lambda: build_export.enqueue(pk))
    return export


def _progress(export: Export, value: int, status: str = Export.Status.RUNNING) -> None:
    export.progress = value
    export.status = status
    Export.objects.filter(pk=export.pk).update(progress=value, status=status)


def export_build(export: Export) -> Export:
    """Produce the file. Idempotent: a finished export is left as it is, a half-done one is
    produced again (a worker killed mid-way leaves no file behind, only the row)."""
    if export.status in (Export.Status.DONE, Export.Status.EXPIRED):
        return export
    try:
        _progress(export, 5)
        # The report reads the facts: bring the period's recent days up to date first.
        today = timezone.localdate()
        if export.end >= today - dt.timedelta(days=2):
            facts.refresh(
                center_id=export.center_id, since=max(export.start, today - dt.timedelta(days=2))
            )
        _progress(export, 40)
        report = standard.build(
            export.center_id, export.center.name_th, export.report, export.start, export.end
        )
        _progress(export, 70)
        if export.fmt == Export.Format.PDF:
            data = exporting.to_pdf(report, export.requested_by.display_name)
        else:
            data = exporting.RENDERERS[export.fmt](report)
        _progress(export, 90)
        with transaction.atomic():
            export.file.save(export.filename, ContentFile(data), save=False)
            export.size = len(data)
            export.sha256 = hashlib.sha256(data).hexdigest()
            export.status = Export.Status.DONE
            export.progress = 100
            export.finished_at = timezone.now()
            export.save()
            audit_log(
                action="reports.export.produced",
                obj=export,
                kind=AuditEntry.Kind.SYSTEM,
                data={"sha256": export.sha256, "size": export.size},
                actor_label="task",
            )
    except Exception as exc:  # a report that cannot be produced says so on its page
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=str(exc)[:300], finished_at=timezone.now()
        )
        raise
    return export


def export_downloaded(*, actor: User, export: Export) -> bytes:
    if export.status != Export.Status.DONE or export.expires_at <= timezone.now():
        raise ValidationError(_("This export has expired. Ask for it again."))
    with export.file.open("rb") as fh:
        data: bytes = fh.read()
    audit_log(
        action="reports.export.downloaded",
        actor=actor,
        obj=export,
        kind=AuditEntry.Kind.READ,
        data={"sha256": export.sha256},
    )
    return data


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the files of exports past their seven days; the rows stay, marked expired."""
    now = now or timezone.now()
    count = 0
    for export in Export.objects.filter(expires_at__lte=now).exclude(status=Export.Status.EXPIRED):
        if export.file:
            export.file.delete(save=False)
        export.status = Export.Status.EXPIRED
        export.file = ""
        export.save(update_fields=["status", "file"])
        audit_log(
            action="reports.export.expired",
            obj=export,
            kind=AuditEntry.Kind.SYSTEM,
            actor_label="task",
        )
        count += 1
    return count
