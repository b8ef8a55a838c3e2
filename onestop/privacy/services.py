"""The breach register's writes: each one a timeline entry and an audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log, diff, snapshot
from onestop.privacy.models import Breach, BreachEvent

ASSESSMENT = ["risk", "risk_reason", "data_kinds", "people_affected", "containment"]


def _require(actor: User) -> None:
    if not actor.can("can_manage_pdpa") or actor.center_id is None:
        raise PermissionDenied


def _not_future(value: dt.datetime | None, field: str) -> None:
    if value is not None and value > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({field: [_("This time is in the future.")]})


def _event(breach: Breach, actor: User, kind: str, text: str = "") -> None:
    BreachEvent.objects.create(breach=breach, actor=actor, kind=kind, text=text)


def breach_record(
    *,
    actor: User,
    title: str,
    description: str,
    aware_at: dt.datetime | None,
    occurred_at: dt.datetime | None = None,
    data_kinds: str = "",
    people_affected: int | None = None,
) -> Breach:
    _require(actor)
    errors: dict[str, list[str]] = {}
    if aware_at is None:
        errors["aware_at"] = [_("Say when the center became aware: the 72-hour clock starts then.")]
    if not title.strip():
        errors["title"] = [_("Say in a line what happened.")]
    if not description.strip():
        errors["description"] = [_("Describe what happened.")]
    if errors:
        raise ValidationError(errors)
    assert aware_at is not None and actor.center_id is not None
    _not_future(aware_at, "aware_at")
    _not_future(occurred_at, "occurred_at")
    if occurred_at is not None and occurred_at > aware_at:
        raise ValidationError({"occurred_at": [_("It cannot have happened after you knew of it.")]})
    with transaction.atomic():
        breach = Breach.objects.create(
            center_id=actor.center_id,
            title=title.strip(),
            description=description.strip(),
            aware_at=aware_at,
            occurred_at=occurred_at,
            data_kinds=data_kinds.strip(),
            people_affected=people_affected,
            recorded_by=actor,
        )
        _event(breach, actor, "recorded", breach.title)
        audit_log(
            action="privacy.breach.recorded",
            actor=actor,
            obj=breach,
            data={"aware_at": aware_at.isoformat(), "pdpc_due": breach.pdpc_due.isoformat()},
        )
    return breach


def breach_assess(*, actor: User, breach: Breach, **fields: Any) -> Breach:
    _require(actor)
    unknown = set(fields) - set(ASSESSMENT)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    if fields.get("risk") not in Breach.Risk.values or fields.get("risk") == Breach.Risk.UNASSESSED:
        raise ValidationError({"risk": [_("Choose the risk.")]})
    if not str(fields.get("risk_reason", "")).strip():
        raise ValidationError({"risk_reason": [_("Say why: the PDPC asks.")]})
    with transaction.atomic():
        before = snapshot(breach, ASSESSMENT)
        for name, value in fields.items():
            setattr(breach, name, value)
        breach.save(update_fields=list(fields))
        _event(breach, actor, "assessed", f"{breach.get_risk_display()}: {breach.risk_reason}")
        audit_log(
            action="privacy.breach.assessed",
            actor=actor,
            obj=breach,
            changes=diff(before, snapshot(breach, ASSESSMENT)),
        )
    return breach


def breach_note(*, actor: User, breach: Breach, text: str) -> Breach:
    _require(actor)
    if not text.strip():
        raise ValidationError({"text": [_("Write the note.")]})
    with transaction.atomic():
        _event(breach, actor, "note", text.strip()[:2000])
        audit_log(action="privacy.breach.noted", actor=actor, obj=breach)
    return breach


def breach_notified(
    *,
    actor: User,
    breach: Breach,
    whom: str,
    at: dt.datetime | None,
    reference: str = "",
    late_reason: str = "",
) -> Breach:
    """Record that the PDPC (``whom="pdpc"``) or the people concerned (``"subjects"``) were
    told. A PDPC notification after the 72 hours needs its reason (s.37(4))."""
    _require(actor)
    if at is None:
        raise ValidationError({"at": [_("Say when they were told.")]})
    _not_future(at, "at")
    if at < breach.aware_at:
        raise ValidationError({"at": [_("This is before the center became aware.")]})
    if whom == "pdpc":
        if at > breach.pdpc_due and not late_reason.strip():
            raise ValidationError(
                {"late_reason": [_("This is after the 72 hours: say why it was late.")]}
            )
        fields = {
            "notified_pdpc_at": at,
            "pdpc_reference": reference.strip()[:100],
            "late_reason": late_reason.strip()[:500],
        }
    elif whom == "subjects":
        fields = {"notified_subjects_at": at}
    else:
        raise ValidationError({"whom": [_("Choose who was told.")]})
    with transaction.atomic():
        for name, value in fields.items():
            setattr(breach, name, value)
        breach.save(update_fields=list(fields))
        _event(breach, actor, f"notified_{whom}", reference or late_reason)
        audit_log(
            action=f"privacy.breach.notified_{whom}",
            actor=actor,
            obj=breach,
            data={"at": at.isoformat(), "late": at > breach.pdpc_due},
        )
    return breach


def breach_close(*, actor: User, breach: Breach) -> Breach:
    _require(actor)
    if breach.risk == Breach.Risk.UNASSESSED:
        raise ValidationError(_("Assess the risk before closing."))
    if breach.needs_pdpc and breach.notified_pdpc_at is None:
        raise ValidationError(_("The PDPC has not been notified yet."))
    if breach.risk == Breach.Risk.HIGH and breach.notified_subjects_at is None:
        raise ValidationError(_("The people concerned have not been told yet."))
    with transaction.atomic():
        breach.status = Breach.Status.CLOSED
        breach.closed_at = timezone.now()
        breach.save(update_fields=["status", "closed_at"])
        _event(breach, actor, "closed")
        audit_log(action="privacy.breach.closed", actor=actor, obj=breach)
    return breach
