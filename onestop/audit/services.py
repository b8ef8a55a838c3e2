"""The one way to write the audit log. Every service that changes data calls ``audit_log``.

Sensitive keys are masked before anything is stored, so the audit table never becomes a second
copy of the data it protects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import models

from onestop.audit.models import AuditEntry, object_type_of
from onestop.core import context
from onestop.thai import ids

if TYPE_CHECKING:
    from onestop.accounts.models import User
    from onestop.centers.models import Center

MASK = "••••"
# Values under these keys are never stored in clear. Matched on the key's last part.
SECRET_KEYS = {"password", "token", "secret", "api_key", "tracking_code", "otp"}
ID_KEYS = {"national_id", "id_number", "passport_number"}
PARTIAL_KEYS = {"phone", "line_id", "email"}


def mask_value(key: str, value: Any) -> Any:
    name = key.rsplit(".", 1)[-1].lower()
    if value in (None, ""):
        return value
    if name in SECRET_KEYS or any(name.endswith(f"_{s}") for s in SECRET_KEYS):
        return MASK
    if name in ID_KEYS:
        return ids.mask(str(value))
    if name in PARTIAL_KEYS:
        text = str(value)
        return MASK + text[-3:] if len(text) > 4 else MASK
    return value


def mask_mapping(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: mask_value(k, _jsonable(v)) for k, v in values.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` (FKs by their ID), for a before/after diff."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = _jsonable(getattr(obj, attname))
    return out


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed, masked."""
    changed: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            changed[key] = [mask_value(key, old), mask_value(key, new)]
    return changed


def _center_of(obj: models.Model | None) -> Center | None:
    from onestop.centers.models import Center

    if obj is None:
        return None
    if isinstance(obj, Center):
        return obj
    if getattr(obj, "center_id", None):
        center: Center = obj.center  # type: ignore[attr-defined]
        return center
    if getattr(obj, "case_id", None):
        # Records a case owns (notes, tasks, attachments) belong to the case's center.
        return _center_of(obj.case)  # type: ignore[attr-defined]
    return None


def audit_log(
    *,
    action: str,
    actor: User | None = None,
    obj: models.Model | None = None,
    center: Center | None = None,
    changes: Mapping[str, list[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
    kind: str = AuditEntry.Kind.WRITE,
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry. ``action`` is namespaced: ``<app>.<entity>.<verb>``."""
    entry = audit_entry(
        action=action,
        actor=actor,
        obj=obj,
        center=center,
        changes=changes,
        data=data,
        kind=kind,
        actor_label=actor_label,
    )
    entry.save()
    return entry


def audit_entry(
    *,
    action: str,
    actor: User | None = None,
    obj: models.Model | None = None,
    center: Center | None = None,
    changes: Mapping[str, list[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
    kind: str = AuditEntry.Kind.WRITE,
    actor_label: str = "",
) -> AuditEntry:
    """The entry ``audit_log`` would append, unsaved: for a caller that writes it in the same
    statement as the record itself (``core.numbering.insert_numbered``)."""
    if action.count(".") < 2:
        raise ValueError(f"audit action must be app.entity.verb, got {action!r}")
    ctx = context.current()
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry(
        kind=kind,
        actor=actor,
        actor_label=(actor.get_username() if actor else actor_label)[:150],
        center=center if center is not None else _center_of(obj),
        action=action,
        object_type=object_type_of(obj) if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=dict(changes or {}),
        data=mask_mapping(data or {}),
        request_id=ctx.request_id if ctx else "",
        ip=ctx.ip if ctx else None,
    )


def audit_read(*, actor: User, obj: models.Model, reason: str = "") -> AuditEntry | None:
    """Record that ``actor`` looked at a record marked ``audit_sensitive``.

    Called by access helpers, never by templates, so a read is logged exactly where the record
    is fetched for display. Looking at one's own record is not logged.
    """
    if not getattr(obj, "audit_sensitive", False):
        return None
    if obj.pk == actor.pk and obj._meta.label_lower == actor._meta.label_lower:
        return None
    data = {"reason": reason} if reason else {}
    entity = getattr(obj, "audit_entity", obj._meta.model_name)
    return audit_log(
        action=f"{obj._meta.app_label}.{entity}.viewed",
        actor=actor,
        obj=obj,
        kind=AuditEntry.Kind.READ,
        data=data,
    )


def audit_reads(*, actor: User, objs: Sequence[models.Model], reason: str) -> int:
    """``audit_read`` for a page of records (a case's confidential notes), in one statement."""
    if not objs:
        return 0
    ctx = context.current()
    entries = []
    for obj in objs:
        entity = getattr(obj, "audit_entity", obj._meta.model_name)
        entries.append(
            AuditEntry(
                kind=AuditEntry.Kind.READ,
                actor=actor,
                actor_label=actor.get_username()[:150],
                center=_center_of(obj),
                action=f"{obj._meta.app_label}.{entity}.viewed",
                object_type=object_type_of(obj),
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                data={"reason": reason},
                request_id=ctx.request_id if ctx else "",
                ip=ctx.ip if ctx else None,
            )
        )
    AuditEntry.objects.bulk_create(entries)
    return len(entries)


def redact_value(value: Any, redact: Any) -> Any:
    """``redact`` applied to every string inside a JSON-like value."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [redact_value(v, redact) for v in value]
    if isinstance(value, dict):
        return {k: redact_value(v, redact) for k, v in value.items()}
    return value


def redact_entries(entries: Iterable[AuditEntry], redact: Any) -> int:
    """The one exception to append-only: erasure of a person (PDPA s.33) overwrites their
    personal data inside the trail (the record's name, changed values, details). Who did
    what, and when, stays. ``redact`` maps a string to its redacted form."""

    def walk(value: Any) -> Any:
        return redact_value(value, redact)

    count = 0
    for entry in entries:
        fields = {
            "object_repr": redact(entry.object_repr),
            "changes": walk(entry.changes),
            "data": walk(entry.data),
        }
        if fields != {
            "object_repr": entry.object_repr,
            "changes": entry.changes,
            "data": entry.data,
        }:
            # QuerySet.update of the base class: AuditQuerySet refuses updates on purpose.
            models.QuerySet.update(AuditEntry.objects.filter(pk=entry.pk), **fields)
            count += 1
    return count
