"""Writes on referrals: one function per step of the workflow, each checking the state it
starts from, writing the audit entry, noting the step on the case's timeline and telling the
people on the other side.

    draft → sent → accepted | declined → in progress → completed | not completed
    (the sender can withdraw an open referral)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.cases import services as cases
from onestop.cases.access import CaseAccess, is_supervisor
from onestop.cases.models import Attachment, Case, CaseClient, CaseEvent, CaseStatus
from onestop.directory.models import Service
from onestop.intake import deadlines
from onestop.notifications.services import notify
from onestop.referrals.models import Referral, ReferralLink

S = Referral.Status


def _event(referral: Referral, actor: User | None, text: str) -> None:
    CaseEvent.objects.create(
        case_id=referral.case_id,
        kind=CaseEvent.Kind.REFERRAL,
        actor=actor,
        at=timezone.now(),
        reason=text[:500],
    )


def _tell_client(referral: Referral) -> None:
    """LINE to a client who came by LINE and consented (referrals.tasks decides, at run time)."""
    from onestop.referrals.tasks import line_push_referral

    referral_id = referral.pk
    transaction.on_commit(lambda: line_push_referral.enqueue(referral_id))


def _partners(referral: Referral) -> list[User]:
    return list(
        User.objects.filter(
            organization_id=referral.organization_id,
            is_active=True,
            groups__permissions__codename="can_receive_referrals",
        ).distinct()
    )


def _senders(referral: Referral) -> list[User]:
    people = {referral.created_by_id: referral.created_by}
    if referral.case.worker is not None:
        people[referral.case.worker_id] = referral.case.worker  # type: ignore[index]
    return [u for u in people.values() if u is not None]


def _locked(referral: Referral, allowed: Sequence[str], message: str) -> Referral:
    locked = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    if locked.status not in allowed:
        raise ValidationError({"status": [message % {"status": S(locked.status).label}]})
    return locked


@transaction.atomic
def referral_create(
    *,
    actor: User,
    access: CaseAccess,
    service: Service,
    clients: Sequence[CaseClient],
    reason: str,
    due: dt.date,
    share_summary: bool = True,
    share_contact: bool = False,
    documents: Sequence[Attachment] = (),
    kind: str = Referral.Kind.REFERRAL,
) -> Referral:
    if not actor.can("can_refer") or not access.full:
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    errors: dict[str, list[str]] = {}
    if service.status != Service.Status.ACTIVE or not service.organization.is_active:
        errors["service"] = [_("This service is not taking referrals now.")]
    if not clients:
        errors["clients"] = [_("Choose who is referred.")]
    if any(c.case_id != case.pk for c in clients):
        errors["clients"] = [_("Choose clients of this case.")]
    if any(d.case_id != case.pk for d in documents):
        errors["documents"] = [_("Only this case's documents can be shared.")]
    if not reason.strip():
        errors["reason"] = [_("Say why you refer the client and what you ask for.")]
    if due < timezone.localdate():
        errors["due"] = [_("The date cannot be in the past.")]
    if case.is_closed:
        errors["service"] = [_("Reopen the case to refer from it.")]
    if kind not in Referral.Kind.values:
        errors["kind"] = [_("Choose one of the listed values.")]
    target = service.organization.center_id
    if kind == Referral.Kind.TRANSFER and target is None:
        errors["kind"] = [_("A case can only be transferred to another OneStop center.")]
    if target is not None and target == case.center_id:
        errors["service"] = [_("That is this center's own service.")]
    if errors:
        raise ValidationError(errors)
    count = Referral.objects.filter(case=case).count() + 1
    referral = Referral.objects.create(
        center_id=case.center_id,
        case=case,
        number=f"{case.number}-R{count}",
        service=service,
        organization=service.organization,
        share_summary=share_summary,
        share_contact=share_contact,
        reason=reason.strip(),
        due=due,
        kind=kind,
        created_by=actor,
    )
    referral.clients.set(clients)
    referral.documents.set(documents)
    audit_log(
        action="referrals.referral.created",
        actor=actor,
        obj=referral,
        data={"service": str(service.pk), "documents": len(documents), "contact": share_contact},
    )
    return referral


@transaction.atomic
def referral_send(
    *, actor: User, access: CaseAccess, referral: Referral, override_reason: str = ""
) -> Referral:
    """Send a draft. Data leaves the center only when the case's consent or lawful basis covers
    it (cases.services.sharing_allowed), or a supervisor overrides with a reason."""
    if not actor.can("can_refer") or not access.full or referral.case_id != access.case.pk:
        raise PermissionDenied
    referral = _locked(referral, [S.DRAFT], _("A referral that is “%(status)s” cannot be sent."))
    allowed, why = cases.sharing_allowed(referral.case)
    if not allowed:
        if not override_reason.strip():
            raise ValidationError({"override_reason": [why]})
        if not is_supervisor(actor, referral.case):
            raise ValidationError(
                {"override_reason": [_("Only a supervisor can send without the consent record.")]}
            )
        referral.consent_override_by = actor
        referral.consent_override_reason = override_reason.strip()[:500]
    now = timezone.now()
    referral.status = S.SENT
    referral.sent_at = now
    # Two working days to answer, counted by the same calendar as intake's deadlines.
    referral.accept_due = deadlines.add_working_days(referral.case.center, now, 2)
    case = Case.objects.select_for_update().get(pk=referral.case_id)
    referral.case_status_before = case.status
    referral.version += 1
    referral.save()
    if case.status != CaseStatus.REFERRED:
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.REFERRED, version=case.version + 1)
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.STATUS,
            actor=actor,
            at=now,
            from_status=case.status,
            to_status=CaseStatus.REFERRED,
            reason=referral.number,
        )
    _event(
        referral,
        actor,
        _("Referred to %(service)s (%(org)s)")
        % {"service": referral.service.name, "org": referral.organization.name},
    )
    _tell_client(referral)
    audit_log(
        action="referrals.referral.sent",
        actor=actor,
        obj=referral,
        data={"override": bool(referral.consent_override_reason)},
    )
    notify(
        users=_partners(referral),
        text=_("New referral %(number)s to %(service)s")
        % {"number": referral.number, "service": referral.service.name},
        link=f"/referrals/{referral.pk}/",
        email_subject=_("New referral: %(number)s") % {"number": referral.number},
    )
    return referral


def _partner_check(actor: User | None, referral: Referral, link: ReferralLink | None) -> str:
    """Partner staff of the receiving organisation, or the holder of a working signed link
    (views resolve it first). Returns the label the audit log records for a link holder."""
    if link is not None:
        if link.referral_id != referral.pk:
            raise PermissionDenied
        return f"link:{link.email}"[:150]
    receiving_center = referral.organization.center_id
    if receiving_center is not None:
        # Another OneStop center: its case workers answer.
        if actor is None or actor.center_id != receiving_center or not actor.can("can_manage_case"):
            raise PermissionDenied
        return ""
    if (
        actor is None
        or not actor.can("can_receive_referrals")
        or actor.organization_id != referral.organization_id
    ):
        raise PermissionDenied
    return ""


@transaction.atomic
def referral_accept(
    *, actor: User | None, referral: Referral, link: ReferralLink | None = None
) -> Referral:
    label = _partner_check(actor, referral, link)
    referral = _locked(
        referral, [S.SENT], _("This referral is “%(status)s”: it cannot be accepted.")
    )
    referral.status = S.ACCEPTED
    referral.answered_at = timezone.now()
    referral.answered_by = actor
    if referral.organization.center_id is not None and actor is not None:
        referral.receiving_case = _receive_at_center(referral, actor)
    referral.version += 1
    referral.save()
    _event(
        referral, actor, _("%(org)s accepted the referral") % {"org": referral.organization.name}
    )
    audit_log(action="referrals.referral.accepted", actor=actor, actor_label=label, obj=referral)
    notify(
        users=_senders(referral),
        text=_("%(number)s was accepted by %(org)s")
        % {"number": referral.number, "org": referral.organization.name},
        link=f"/cases/{referral.case.number}/",
    )
    return referral


@transaction.atomic
def referral_decline(
    *, actor: User | None, referral: Referral, link: ReferralLink | None = None, reason: str
) -> Referral:
    label = _partner_check(actor, referral, link)
    if not reason.strip():
        raise ValidationError(
            {"reason": [_("Say why you decline, so the worker can refer elsewhere.")]}
        )
    referral = _locked(
        referral, [S.SENT], _("This referral is “%(status)s”: it cannot be declined.")
    )
    referral.status = S.DECLINED
    referral.answered_at = referral.ended_at = timezone.now()
    referral.answered_by = actor
    referral.decline_reason = reason.strip()[:500]
    referral.version += 1
    referral.save()
    _event(
        referral,
        actor,
        _("%(org)s declined: %(reason)s")
        % {"org": referral.organization.name, "reason": referral.decline_reason},
    )
    audit_log(
        action="referrals.referral.declined",
        actor=actor,
        actor_label=label,
        obj=referral,
        data={"reason": referral.decline_reason},
    )
    _case_back(referral, actor)
    notify(
        users=_senders(referral),
        text=_("%(number)s was declined by %(org)s")
        % {"number": referral.number, "org": referral.organization.name},
        link=f"/cases/{referral.case.number}/",
        email_subject=_("Referral declined: %(number)s") % {"number": referral.number},
    )
    return referral


@transaction.atomic
def referral_start(
    *, actor: User | None, referral: Referral, link: ReferralLink | None = None
) -> Referral:
    label = _partner_check(actor, referral, link)
    referral = _locked(
        referral, [S.ACCEPTED], _("This referral is “%(status)s”: work cannot start.")
    )
    referral.status = S.IN_PROGRESS
    referral.version += 1
    referral.save()
    audit_log(action="referrals.referral.started", actor=actor, actor_label=label, obj=referral)
    return referral


@transaction.atomic
def referral_report(
    *,
    actor: User | None,
    referral: Referral,
    link: ReferralLink | None = None,
    completed: bool,
    outcome: str,
) -> Referral:
    """The partner reports the outcome: the help was given (completed) or not."""
    label = _partner_check(actor, referral, link)
    if not outcome.strip():
        raise ValidationError({"outcome": [_("Describe the outcome.")]})
    referral = _locked(
        referral,
        [S.ACCEPTED, S.IN_PROGRESS],
        _("This referral is “%(status)s”: no outcome can be reported on it."),
    )
    referral.status = S.COMPLETED if completed else S.NOT_COMPLETED
    referral.outcome = outcome.strip()[:3000]
    referral.ended_at = timezone.now()
    referral.version += 1
    referral.save()
    _event(
        referral,
        actor,
        (
            _("Outcome from %(org)s (completed): %(outcome)s")
            if completed
            else _("Outcome from %(org)s (not completed): %(outcome)s")
        )
        % {"org": referral.organization.name, "outcome": referral.outcome},
    )
    audit_log(
        action="referrals.referral.reported",
        actor=actor,
        actor_label=label,
        obj=referral,
        data={"completed": completed},
    )
    _case_back(referral, actor)
    if completed:
        _tell_client(referral)
    notify(
        users=_senders(referral),
        text=_("%(org)s reported the outcome of %(number)s")
        % {"number": referral.number, "org": referral.organization.name},
        link=f"/cases/{referral.case.number}/",
        email_subject=_("Referral outcome: %(number)s") % {"number": referral.number},
    )
    return referral


@transaction.atomic
def referral_revoke(
    *, actor: User, access: CaseAccess, referral: Referral, reason: str
) -> Referral:
    if not actor.can("can_refer") or not access.full or referral.case_id != access.case.pk:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why you withdraw the referral.")]})
    referral = _locked(
        referral,
        [S.DRAFT, *Referral.OPEN],
        _("A referral that is “%(status)s” cannot be withdrawn."),
    )
    was_sent = referral.status != S.DRAFT
    referral.status = S.REVOKED
    referral.revoke_reason = reason.strip()[:500]
    referral.ended_at = timezone.now()
    referral.version += 1
    referral.save()
    audit_log(
        action="referrals.referral.revoked",
        actor=actor,
        obj=referral,
        data={"reason": referral.revoke_reason},
    )
    if was_sent:
        _event(
            referral,
            actor,
            _("Referral withdrawn: %(reason)s") % {"reason": referral.revoke_reason},
        )
        _case_back(referral, actor)
        notify(
            users=_partners(referral),
            text=_("%(number)s was withdrawn by the center") % {"number": referral.number},
            link=f"/referrals/{referral.pk}/",
        )
    return referral


def _receive_at_center(referral: Referral, actor: User) -> Case:
    """The receiving center opens its own case with its own linked copies of the clients (only
    what was shared travels). A transfer then closes the sending center's case."""
    from onestop.persons import services as persons

    copies = []
    for client in referral.clients.select_related("person", "safe_phone"):
        p = client.person
        fields = {
            name: getattr(p, name)
            for name in (
                "prefix",
                "given_name",
                "middle_name",
                "family_name",
                "nickname",
                "sex",
                "birth_date",
                "birth_precision",
                "age_estimate",
                "age_estimated_on",
                "citizenship_status",
                "nationality",
            )
        }
        phones = []
        if referral.share_contact and cases.contact_allowed(client, "phone") and client.safe_phone:
            phones = [persons.PhoneData(client.safe_phone.number)]
        copy = persons.person_create(
            actor=actor,
            center=actor.center,  # type: ignore[arg-type]
            data=persons.NewPerson(fields, phones=phones),
            duplicate_reason=f"linked copy from referral {referral.number}",
        )
        type(copy).objects.filter(pk=copy.pk).update(linked_from=p)
        copies.append(cases.ClientInput(copy, client.role))
    source = referral.case
    received = cases.case_open(
        actor=actor,
        center=actor.center,  # type: ignore[arg-type]
        title=f"{source.title} ({referral.center.code} {referral.number})"[:200],
        category=source.category,
        clients=copies,
        urgency=source.urgency,
        risk_flags=source.risk_flags,
        summary="\n\n".join(
            x for x in (source.summary if referral.share_summary else "", referral.reason) if x
        ),
    )
    if referral.kind == Referral.Kind.TRANSFER:
        now = timezone.now()
        before = source.status
        Case.objects.filter(pk=source.pk).update(
            status=CaseStatus.CLOSED,
            closed_at=now,
            closure_summary=_("Transferred to %(center)s as %(number)s")
            % {"center": actor.center, "number": received.number},
            version=source.version + 1,
        )
        CaseEvent.objects.create(
            case=source,
            kind=CaseEvent.Kind.STATUS,
            actor=actor,
            at=now,
            from_status=before,
            to_status=CaseStatus.CLOSED,
            reason=referral.number,
        )
        audit_log(
            action="cases.case.transferred", actor=actor, obj=source, data={"to": received.number}
        )
    return received


def _case_back(referral: Referral, actor: User | None) -> None:
    """When the last open referral of a case ends, the case leaves "referred" for the status it
    had before (the worker moves it on from there)."""
    case = Case.objects.select_for_update().get(pk=referral.case_id)
    still_open = Referral.objects.filter(case=case, status__in=Referral.OPEN).exclude(
        pk=referral.pk
    )
    if case.status != CaseStatus.REFERRED or still_open.exists():
        return
    back = referral.case_status_before or CaseStatus.UNDER_ASSESSMENT
    if back in (CaseStatus.REFERRED, CaseStatus.CLOSED, CaseStatus.AWAITING_ASSIGNMENT):
        back = CaseStatus.UNDER_ASSESSMENT
    Case.objects.filter(pk=case.pk).update(status=back, version=case.version + 1)
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.STATUS,
        actor=actor,
        at=timezone.now(),
        from_status=CaseStatus.REFERRED,
        to_status=back,
        reason=referral.number,
    )


def _escalate(referral: Referral, flag: str, now: dt.datetime, text: str, subject: str) -> bool:
    with transaction.atomic():
        # The update is the lock: two sweeps never tell anyone twice.
        if not Referral.objects.filter(pk=referral.pk, **{f"{flag}__isnull": True}).update(
            **{flag: now}
        ):
            return False
        users = _senders(referral) + cases._supervisors(referral.case)
        notify(
            users=list({u.pk: u for u in users}.values()),
            text=text,
            link=f"/cases/{referral.case.number}/",
            email_subject=subject,
        )
        audit_log(action="referrals.referral.escalated", obj=referral, data={"deadline": flag})
    return True


def referrals_escalate(*, now: dt.datetime | None = None) -> int:
    """Deadlines for the answer and for the help: a referral past either is told once to the
    sender and the supervisors."""
    now = now or timezone.now()
    count = 0
    for referral in Referral.objects.filter(
        status=S.SENT, escalated_at__isnull=True, accept_due__lt=now
    ).select_related("case", "organization")[:500]:
        count += _escalate(
            referral,
            "escalated_at",
            now,
            _("%(number)s has had no answer from %(org)s by its deadline.")
            % {"number": referral.number, "org": referral.organization.name},
            _("Referral not answered: %(number)s") % {"number": referral.number},
        )
    for referral in Referral.objects.filter(
        status__in=[S.ACCEPTED, S.IN_PROGRESS],
        overdue_escalated_at__isnull=True,
        due__lt=timezone.localdate(now),
    ).select_related("case", "organization")[:500]:
        count += _escalate(
            referral,
            "overdue_escalated_at",
            now,
            _("%(org)s has not reported the outcome of %(number)s by its due date.")
            % {"number": referral.number, "org": referral.organization.name},
            _("Referral overdue: %(number)s") % {"number": referral.number},
        )
    return count
