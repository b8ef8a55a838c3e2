"""The breach register's writes: each one a timeline entry and an audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.access import staff_with
from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log, diff, snapshot
from onestop.persons.models import Person
from onestop.privacy.models import DSAR_DAYS, Breach, BreachEvent, DataRequest
from onestop.thai.dates import format_date

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


# --- Data subject requests (s.30-36) --------------------------------------------------------


def dsar_record(
    *,
    actor: User,
    kind: str,
    requester_name: str,
    requester_contact: str,
    received_at: dt.datetime | None = None,
    on_behalf: str = "",
    details: str = "",
) -> DataRequest:
    _require(actor)
    errors: dict[str, list[str]] = {}
    if kind not in DataRequest.Kind.values:
        errors["kind"] = [_("Choose what is asked.")]
    if not requester_name.strip():
        errors["requester_name"] = [_("Say who asks.")]
    if not requester_contact.strip():
        errors["requester_contact"] = [_("Say how to reach them: the answer goes there.")]
    if errors:
        raise ValidationError(errors)
    received_at = received_at or timezone.now()
    _not_future(received_at, "received_at")
    assert actor.center_id is not None
    with transaction.atomic():
        request = DataRequest.objects.create(
            center_id=actor.center_id,
            kind=kind,
            requester_name=requester_name.strip(),
            requester_contact=requester_contact.strip(),
            on_behalf=on_behalf.strip(),
            details=details.strip(),
            received_at=received_at,
            due_at=received_at + dt.timedelta(days=DSAR_DAYS),
            recorded_by=actor,
        )
        audit_log(
            action="privacy.dsar.received",
            actor=actor,
            obj=request,
            data={"kind": kind, "due_at": request.due_at.isoformat()},
        )
    return request


def dsar_verify(
    *, actor: User, request: DataRequest, method: str, person: Person | None
) -> DataRequest:
    """Record how the requester's identity was checked, and whose data it is. ``person`` comes
    from the privacy access helper, so it is always of the actor's center."""
    _require(actor)
    if not request.is_open:
        raise ValidationError(_("This request has been answered."))
    if not method.strip():
        raise ValidationError({"method": [_("Say how identity was checked.")]})
    if person is None:
        raise ValidationError({"person": [_("Give the person's code: whose data is it?")]})
    with transaction.atomic():
        request.identity_method = method.strip()[:300]
        request.person = person
        request.verified_by = actor
        request.verified_at = timezone.now()
        request.status = DataRequest.Status.VERIFIED
        request.save(
            update_fields=["identity_method", "person", "verified_by", "verified_at", "status"]
        )
        audit_log(
            action="privacy.dsar.verified",
            actor=actor,
            obj=request,
            data={"person": person.code, "method": request.identity_method},
        )
    return request


def dsar_decide(
    *,
    actor: User,
    request: DataRequest,
    decision: str,
    reason: str,
    withheld_cases: list[str] | None = None,
    withheld_reason: str = "",
) -> DataRequest:
    """The answer. A refusal, and any part withheld, says why: both go into the record of
    processing (s.39(1)(7)), and parts that would endanger others are withheld (s.30)."""
    _require(actor)
    if request.status != DataRequest.Status.VERIFIED:
        raise ValidationError(_("Check the requester's identity first."))
    if decision not in DataRequest.Decision.values:
        raise ValidationError({"decision": [_("Choose the decision.")]})
    if decision != DataRequest.Decision.GRANTED and not reason.strip():
        raise ValidationError({"reason": [_("Say why: it goes into the record of processing.")]})
    withheld = sorted({c.strip().upper() for c in withheld_cases or [] if c.strip()})
    if withheld and not withheld_reason.strip():
        raise ValidationError({"withheld_reason": [_("Say why these cases are withheld.")]})
    if withheld:
        from onestop.cases.models import Case

        theirs = set(
            Case.objects.filter(
                clients__person=request.person, clients__role="client", number__in=withheld
            ).values_list("number", flat=True)
        )
        unknown = [c for c in withheld if c not in theirs]
        if unknown:
            raise ValidationError(
                {"withheld_cases": [_("Not this person's case: %(n)s") % {"n": ", ".join(unknown)}]}
            )
    with transaction.atomic():
        request.decision = decision
        request.decision_reason = reason.strip()[:2000]
        request.withheld_cases = withheld
        request.withheld_reason = withheld_reason.strip()[:500]
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.status = (
            DataRequest.Status.REFUSED
            if decision == DataRequest.Decision.REFUSED
            else DataRequest.Status.DONE
        )
        request.save()
        audit_log(
            action="privacy.dsar.decided",
            actor=actor,
            obj=request,
            data={
                "decision": decision,
                "reason": request.decision_reason,
                "withheld_cases": withheld,
                "withheld_reason": request.withheld_reason,
            },
        )
    return request


def dsar_export(*, actor: User, request: DataRequest, fmt: str) -> bytes:
    """The copy for the data subject (access, portability), audited with its hash."""
    import hashlib

    from onestop.privacy import dsar

    _require(actor)
    if request.kind not in (DataRequest.Kind.ACCESS, DataRequest.Kind.PORTABILITY):
        raise ValidationError(_("Only access and portability requests get a copy."))
    if request.status != DataRequest.Status.DONE or request.person is None:
        raise ValidationError(_("Decide the request first."))
    data = dsar.build(request)
    body = dsar.to_json(data) if fmt == "json" else dsar.to_pdf(data, actor.display_name)
    audit_log(
        action="privacy.dsar.exported",
        actor=actor,
        obj=request,
        kind=AuditEntry.Kind.READ,
        data={
            "format": fmt,
            "sha256": hashlib.sha256(body).hexdigest(),
            "person": request.person.code,
        },
    )
    return body


def dsar_remind(now: dt.datetime | None = None) -> int:
    """Tell each center's data protection officers, once, of requests with a week or less
    left (or overdue)."""
    from onestop.notifications.services import notify

    now = now or timezone.now()
    due = DataRequest.objects.filter(
        status__in=[DataRequest.Status.RECEIVED, DataRequest.Status.VERIFIED],
        due_at__lte=now + dt.timedelta(days=7),
        reminded_at__isnull=True,
    ).select_related("center")
    count = 0
    for request in due:
        notify(
            users=staff_with(request.center_id, "can_manage_pdpa"),
            text=_("A data subject request is due %(due)s: %(what)s")
            % {"due": format_date(timezone.localtime(request.due_at).date()), "what": request},
            link=f"/privacy/requests/{request.pk}/",
        )
        DataRequest.objects.filter(pk=request.pk).update(reminded_at=now)
        count += 1
    return count
