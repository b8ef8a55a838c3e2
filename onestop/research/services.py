"""Research projects (submitted by a researcher, decided by a center admin) and their
extracts: pseudonymised, checked for k-anonymity, hashed and audited."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log
from onestop.core.exports import safe_cell
from onestop.privacy import notices
from onestop.research import kanon
from onestop.research.exporters import DIRECT_IDENTIFIERS, REGISTRY, Context
from onestop.research.models import Extract, Project

MIN_K = 5
MAX_K = 100
MAX_YEARS = 10


def project_create(
    *,
    actor: User,
    title: str,
    purpose: str,
    ethics_committee: str,
    ethics_number: str,
    ethics_expires: dt.date,
    datasets: Sequence[str],
    members: Sequence[User] = (),
) -> Project:
    if not actor.can("can_export_research") or actor.center_id is None:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the project a title.")]
    if not ethics_number.strip():
        errors["ethics_number"] = [_("Give the ethics approval number.")]
    if ethics_expires < timezone.localdate():
        errors["ethics_expires"] = [_("This ethics approval has already expired.")]
    unknown = [d for d in datasets if d not in REGISTRY]
    if unknown or not datasets:
        errors["datasets"] = [_("Choose at least one of the datasets offered.")]
    outsiders = [
        m for m in members if m.center_id != actor.center_id or not m.can("can_export_research")
    ]
    if outsiders:
        errors["members"] = [_("Members must be researchers of this center.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = Project.objects.create(
            center_id=actor.center_id,
            title=title.strip(),
            purpose=purpose.strip(),
            principal_investigator=actor,
            ethics_committee=ethics_committee.strip(),
            ethics_number=ethics_number.strip(),
            ethics_expires=ethics_expires,
            datasets=list(datasets),
            pseudonym_key=secrets.token_hex(32),
            notice_version=notices.version("researcher"),
        )
        project.members.set([m for m in members if m.pk != actor.pk])
        audit_log(
            action="research.project.submitted",
            actor=actor,
            obj=project,
            data={
                "ethics_number": project.ethics_number,
                "ethics_expires": str(ethics_expires),
                "datasets": project.datasets,
                "members": [m.username for m in members],
            },
        )
    return project


def project_decide(*, actor: User, project: Project, approve: bool, reason: str) -> Project:
    if not actor.can("can_manage_center") or actor.center_id != project.center_id:
        raise PermissionDenied
    if project.status != Project.Status.SUBMITTED:
        raise ValidationError(_("This project has already been decided."))
    if approve and not project.ethics_valid:
        raise ValidationError(_("The ethics approval has expired: it cannot be approved."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": [_("Say why the project is not approved.")]})
    with transaction.atomic():
        project.status = Project.Status.APPROVED if approve else Project.Status.REJECTED
        project.decided_by = actor
        project.decided_at = timezone.now()
        project.decision_reason = reason.strip()[:500]
        project.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        audit_log(
            action="research.project.approved" if approve else "research.project.rejected",
            actor=actor,
            obj=project,
            data={"reason": project.decision_reason},
        )
    return project


def require_active_member(user: User, project: Project) -> None:
    """403 unless ``user`` is on the project, and the project is approved and in its ethics
    approval's term."""
    if not user.can("can_export_research"):
        raise PermissionDenied
    member = (
        project.principal_investigator_id == user.pk or project.members.filter(pk=user.pk).exists()
    )
    if not member or not project.is_active:
        raise PermissionDenied


def _validate(project: Project, dataset: str, columns: Sequence[str], quasi: Sequence[str]) -> None:
    if dataset not in REGISTRY or dataset not in project.datasets:
        raise ValidationError({"dataset": [_("This project may not extract that dataset.")]})
    exporter = REGISTRY[dataset]
    identifiers = [c for c in columns if c in DIRECT_IDENTIFIERS]
    if identifiers:
        raise ValidationError(
            {
                "columns": [
                    _("%(cols)s: direct identifiers are never exported.")
                    % {"cols": ", ".join(identifiers)}
                ]
            }
        )
    unknown = [c for c in columns if c not in exporter.columns]
    if unknown or not columns:
        raise ValidationError(
            {
                "columns": [
                    _("Choose columns from the list: %(cols)s is not one.")
                    % {"cols": ", ".join(unknown) or "—"}
                ]
            }
        )
    bad_quasi = [q for q in quasi if q not in columns or not exporter.columns[q].quasi]
    if bad_quasi:
        raise ValidationError(
            {"quasi_identifiers": [_("Quasi-identifiers must be among the chosen columns.")]}
        )


def extract_create(
    *,
    actor: User,
    project: Project,
    dataset: str,
    columns: Sequence[str],
    quasi: Sequence[str] | None = None,
    start: dt.date,
    end: dt.date,
    k: int = MIN_K,
    on_failure: str = Extract.OnFailure.REFUSE,
    aggregate: bool = False,
) -> Extract:
    require_active_member(actor, project)
    columns = list(dict.fromkeys(columns))
    exporter = REGISTRY.get(dataset)
    if quasi is None and exporter is not None:
        quasi = [c for c in columns if c in exporter.columns and exporter.columns[c].quasi]
    quasi = list(quasi or [])
    _validate(project, dataset, columns, quasi)
    assert exporter is not None
    if not MIN_K <= k <= MAX_K:
        raise ValidationError(
            {"k": [_("k must be between %(lo)s and %(hi)s.") % {"lo": MIN_K, "hi": MAX_K}]}
        )
    if end < start:
        raise ValidationError(_("The start date must be before the end date."))
    if (end - start).days > 366 * MAX_YEARS:
        raise ValidationError(_("An extract covers at most %(n)s years.") % {"n": MAX_YEARS})
    if on_failure not in Extract.OnFailure.values:
        raise ValidationError({"on_failure": [_("Choose what happens when the check fails.")]})
    if aggregate and any(not exporter.columns[c].quasi for c in columns):
        raise ValidationError(
            {"columns": [_("A count table groups by quasi-identifier columns only.")]}
        )
    ctx = Context(project.pseudonym_key, project.center_id, start, end)
    rows = [
        {name: exporter.columns[name].get(record, ctx) for name in columns}
        for record in exporter.records(ctx)
    ]
    report: dict[str, Any] = {}
    suppressed = 0
    status = Extract.Status.READY
    header = list(columns)
    if aggregate:
        rows, suppressed = kanon.count_table(rows, columns)
        header = [*columns, "count", "suppressed"]
        report = {"suppressed_cells": suppressed, "smallest_cell": kanon.SMALLEST_CELL}
    else:
        result = kanon.check(rows, quasi, k)
        report = result.as_report()
        if not result.passed:
            if on_failure == Extract.OnFailure.REFUSE:
                status = Extract.Status.REFUSED
                rows = []
            else:
                suppressed = result.failing_rows
                rows = kanon.suppress(rows, result)
    token = secrets.token_hex(16)
    with transaction.atomic():
        extract = Extract(
            project=project,
            token=token,
            dataset=dataset,
            columns=columns,
            quasi_identifiers=quasi,
            aggregate=aggregate,
            k=k,
            on_failure=on_failure,
            start=start,
            end=end,
            requested_by=actor,
            status=status,
            rows=len(rows),
            suppressed=suppressed,
            report=report,
            expires_at=project.expires_at,
        )
        if status == Extract.Status.READY:
            data = _csv(header, rows)
            extract.sha256 = hashlib.sha256(data).hexdigest()
            extract.file.save(extract.filename, ContentFile(data), save=False)
        extract.save()
        audit_log(
            action="research.extract.created"
            if status == Extract.Status.READY
            else "research.extract.refused",
            actor=actor,
            obj=extract,
            center=project.center,
            data={
                "project": project.pk,
                "dataset": dataset,
                "columns": columns,
                "quasi_identifiers": quasi,
                "k": k,
                "rows": extract.rows,
                "suppressed": suppressed,
                "sha256": extract.sha256,
            },
        )
    return extract


def _csv(header: Sequence[str], rows: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell("" if row.get(h) is None else row.get(h)) for h in header])
    return out.getvalue().encode("utf-8")


def extract_download(*, actor: User, extract: Extract) -> bytes:
    require_active_member(actor, extract.project)
    if extract.status != Extract.Status.READY or extract.expires_at <= timezone.now():
        raise PermissionDenied
    with extract.file.open("rb") as fh:
        data: bytes = fh.read()
    audit_log(
        action="research.extract.downloaded",
        actor=actor,
        obj=extract,
        center=extract.project.center,
        kind=AuditEntry.Kind.READ,
        data={"sha256": hashlib.sha256(data).hexdigest()},
    )
    return data


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the files of extracts whose project's ethics approval has ended (its date may
    have been corrected since the extract was built) or whose project was closed."""
    now = now or timezone.now()
    count = 0
    ended = (
        Q(expires_at__lte=now)
        | Q(project__ethics_expires__lt=timezone.localdate(now))
        | ~Q(project__status=Project.Status.APPROVED)
    )
    for extract in Extract.objects.filter(ended, status=Extract.Status.READY):
        extract.file.delete(save=False)
        extract.status = Extract.Status.EXPIRED
        extract.save(update_fields=["status", "file"])
        audit_log(
            action="research.extract.expired",
            obj=extract,
            center=extract.project.center,
            kind=AuditEntry.Kind.SYSTEM,
            actor_label="task",
        )
        count += 1
    return count
