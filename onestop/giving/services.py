"""Writes on CSR giving: partners, donations (cash with a receipt numbered per center and fiscal
year, goods as stock lots, staff time), needs on cases, matching and handover. Each writes its
audit entry; stock is never taken below zero."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.cases.access import CaseAccess
from onestop.centers.models import Center
from onestop.core.numbering import bump
from onestop.giving.models import Donation, Handover, Need, Partner, ReceiptCounter
from onestop.thai.dates import fiscal_year

D = Donation.Kind
N = Need.Status


def partner_create(
    *,
    actor: User,
    center: Center,
    name: str,
    kind: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Partner:
    if not name.strip():
        raise ValidationError({"name": [_("This field is required.")]})
    if kind not in Partner.Kind.values:
        raise ValidationError({"kind": [_("Choose one of the listed values.")]})
    with transaction.atomic():
        partner = Partner.objects.create(
            center=center,
            name=name.strip()[:200],
            kind=kind,
            contact_name=contact_name.strip()[:150],
            contact_email=contact_email.strip()[:254],
            contact_phone=contact_phone.strip()[:20],
            report_token=secrets.token_urlsafe(32),
        )
        audit_log(action="giving.partner.created", actor=actor, obj=partner)
    return partner


def contact_add(
    *, actor: User, partner: Partner, name: str, role: str = "", email: str = "", phone: str = ""
) -> Any:
    from onestop.giving.models import PartnerContact

    if not name.strip():
        raise ValidationError({"name": [_("This field is required.")]})
    with transaction.atomic():
        contact = PartnerContact.objects.create(
            partner=partner,
            name=name.strip()[:150],
            role=role.strip()[:150],
            email=email.strip()[:254],
            phone=phone,
        )
        audit_log(
            action="giving.partner.contact_added",
            actor=actor,
            obj=partner,
            data={"contact": contact.pk},
        )
    return contact


@dataclass
class DonationInput:
    kind: str
    received_on: dt.date
    pledged: bool = False
    amount: Decimal | None = None
    method: str = ""
    item: str = ""
    category: str = ""
    quantity: int | None = None
    unit: str = ""
    condition: str = ""
    stored_at: str = ""
    hours: Decimal | None = None
    note: str = ""
    volunteers: Any = ()  # for staff time: the staff who are registered volunteers


def donation_record(*, actor: User, partner: Partner, data: DonationInput) -> Donation:
    errors: dict[str, list[str]] = {}
    if data.kind not in D.values:
        errors["kind"] = [_("Choose one of the listed values.")]
    if data.received_on > timezone.localdate() and not data.pledged:
        errors["received_on"] = [_("A gift received cannot be dated in the future.")]
    if data.kind == D.CASH:
        if data.amount is None or data.amount <= 0:
            errors["amount"] = [_("Enter an amount of money above zero.")]
        if not data.pledged and data.method not in Donation.Method.values:
            errors["method"] = [_("Choose how the money came.")]
    elif data.kind == D.IN_KIND:
        if not data.item.strip():
            errors["item"] = [_("Say what was given.")]
        if not data.quantity or data.quantity < 1:
            errors["quantity"] = [_("Enter a quantity of at least 1.")]
        if data.category not in Need.Category.values:
            errors["category"] = [_("Choose which need it meets.")]
    elif data.kind == D.TIME and (data.hours is None or data.hours <= 0 or data.hours > 24):
        errors["hours"] = [_("Enter the hours each person gave that day, from 0.5 to 24.")]
    staff = list(data.volunteers or []) if data.kind == D.TIME else []
    if any(v.center_id != partner.center_id or v.status != "active" for v in staff):
        errors["volunteers"] = [_("Choose active volunteers of this center.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        receipt = ""
        if data.kind == D.CASH and not data.pledged:
            fy = fiscal_year(data.received_on)
            n = bump(ReceiptCounter, center_id=partner.center_id, fiscal_year=fy)
            receipt = f"{partner.center.code.upper()}-R{n:04d}/{fy}"
        donation = Donation.objects.create(
            partner=partner,
            kind=data.kind,
            pledged=data.pledged,
            received_on=data.received_on,
            amount=data.amount if data.kind == D.CASH else None,
            method=data.method if data.kind == D.CASH else "",
            receipt_number=receipt,
            item=data.item.strip()[:200] if data.kind == D.IN_KIND else "",
            category=data.category if data.kind == D.IN_KIND else "",
            quantity=data.quantity if data.kind == D.IN_KIND else None,
            unit=data.unit.strip()[:30],
            condition=data.condition.strip()[:100],
            stored_at=data.stored_at.strip()[:200],
            hours=data.hours if data.kind == D.TIME else None,
            note=data.note.strip()[:300],
            recorded_by=actor,
        )
        if staff and not data.pledged:
            donation.volunteers.set(staff)
            _log_staff_hours(donation, staff)
        audit_log(
            action="giving.donation.recorded",
            actor=actor,
            obj=donation,
            center=partner.center,
            data={
                "kind": data.kind,
                "amount": str(data.amount or ""),
                "quantity": data.quantity,
                "receipt": receipt,
            },
        )
        if partner.contact_email and not data.pledged:
            from onestop.giving.tasks import thank_donor

            pk = donation.pk
            transaction.on_commit(lambda: thank_donor.enqueue(pk))
    return donation


def donation_receive(*, actor: User, donation: Donation, on: dt.date, method: str = "") -> Donation:
    """A pledge arrives: it becomes a gift (cash gets its receipt number then; goods enter stock)."""
    if method:
        donation.method = method
    if not donation.pledged:
        raise ValidationError(_("This gift was already received."))
    if on > timezone.localdate():
        raise ValidationError({"on": [_("The date must not be in the future.")]})
    if donation.kind == D.CASH and donation.method not in Donation.Method.values:
        raise ValidationError({"method": [_("Choose how the money came.")]})
    with transaction.atomic():
        locked = (
            Donation.objects.select_for_update()
            .select_related("partner__center")
            .get(pk=donation.pk)
        )
        locked.method = donation.method
        locked.pledged = False
        locked.received_on = on
        if locked.kind == D.CASH:
            fy = fiscal_year(on)
            n = bump(ReceiptCounter, center_id=locked.partner.center_id, fiscal_year=fy)
            locked.receipt_number = f"{locked.partner.center.code.upper()}-R{n:04d}/{fy}"
        locked.save()
        audit_log(
            action="giving.donation.received",
            actor=actor,
            obj=locked,
            center=locked.partner.center,
            data={"receipt": locked.receipt_number},
        )
        if locked.kind == D.TIME and locked.volunteers.exists():
            _log_staff_hours(locked, list(locked.volunteers.all()))
    return locked


def _log_staff_hours(donation: Donation, staff: list[Any]) -> None:
    """Each volunteering employee's hours go into the volunteer-hours records, approved: the
    coordinator who records the gift is the one who approves hours."""
    from onestop.volunteers.hours import DAY_LIMIT, _day_total
    from onestop.volunteers.models import HoursEntry

    for volunteer in staff:
        if _day_total(volunteer, donation.received_on) + (donation.hours or 0) > DAY_LIMIT:
            raise ValidationError(
                {
                    "hours": [
                        _("%(name)s would pass 24 hours that day.") % {"name": volunteer.full_name}
                    ]
                }
            )
        HoursEntry.objects.create(
            volunteer=volunteer,
            day=donation.received_on,
            hours=donation.hours or Decimal(0),
            activity=_("Staff volunteering for %(partner)s") % {"partner": donation.partner.name},
            source=HoursEntry.Source.CSR,
            status=HoursEntry.Status.APPROVED,
            decided_by=donation.recorded_by,
        )


def remaining(donation: Donation) -> int:
    given = donation.handovers.aggregate(n=Sum("quantity"))["n"] or 0
    return int(donation.quantity or 0) - int(given)


def _need(
    actor: User, case: Any, category: str, description: str, quantity: int, status: str
) -> Need:
    errors: dict[str, list[str]] = {}
    if category not in Need.Category.values:
        errors["category"] = [_("Choose one of the listed values.")]
    if not description.strip():
        errors["description"] = [_("Say what is needed.")]
    if quantity < 1 or quantity > 1000:
        errors["quantity"] = [_("Enter a quantity of at least 1.")]
    if errors:
        raise ValidationError(errors)
    client = (
        case.clients.filter(role="client")
        .select_related("person__current_subdistrict__district")
        .first()
    )
    province = None
    if client and client.person.current_subdistrict:
        province = client.person.current_subdistrict.district.province
    with transaction.atomic():
        need = Need.objects.create(
            center=case.center,
            case=case,
            category=category,
            description=description.strip()[:300],
            quantity=quantity,
            status=status,
            target_group=case.target_group,
            province=province,
            created_by=actor,
        )
        audit_log(
            action="giving.need.recorded",
            actor=actor,
            obj=need,
            center=case.center,
            data={"status": status},
        )
    return need


def need_record(
    *, actor: User, access: CaseAccess, category: str, description: str, quantity: int
) -> Need:
    """A worker records a need on a case they can read in full; it is open for matching."""
    if not actor.can("can_manage_case") or not access.full:
        raise PermissionDenied
    return _need(actor, access.case, category, description, quantity, N.OPEN)


def need_propose(
    *, actor: User, visit: Any, category: str, description: str, quantity: int
) -> Need:
    """A volunteer proposes a need seen on their visit; a worker confirms it before matching."""
    if visit.volunteer is None or visit.volunteer.user_id != actor.pk:
        raise PermissionDenied
    return _need(actor, visit.case, category, description, quantity, N.PROPOSED)


def need_open(*, actor: User, need: Need) -> Need:
    if not actor.can("can_manage_case"):
        raise PermissionDenied
    if need.status != N.PROPOSED:
        raise ValidationError(_("This need is not waiting to be confirmed."))
    need.status = N.OPEN
    need.save(update_fields=["status", "updated"])
    audit_log(action="giving.need.opened", actor=actor, obj=need, center=need.center)
    return need


def match(*, actor: User, need: Need, donation: Donation, quantity: int) -> Handover:
    """Reserve goods from one donation lot (received, or pledged and still to come) for a
    need. Never more than the lot still holds."""
    if need.status not in (N.OPEN, N.MATCHED):
        raise ValidationError(_("This need is not open for matching."))
    if donation.kind != D.IN_KIND:
        raise ValidationError(_("Only goods can be matched to a need."))
    if donation.partner.center_id != need.center_id:
        raise ValidationError(_("Choose goods held by this center."))
    if quantity < 1:
        raise ValidationError({"quantity": [_("Enter a quantity of at least 1.")]})
    with transaction.atomic():
        locked = Donation.objects.select_for_update().get(pk=donation.pk)
        left = remaining(locked)
        if quantity > left:
            raise ValidationError({"quantity": [_("Only %(n)s left of this gift.") % {"n": left}]})
        handover = Handover.objects.create(
            need=need, donation=locked, quantity=quantity, recorded_by=actor
        )
        need.status = N.MATCHED
        need.save(update_fields=["status", "updated"])
        audit_log(
            action="giving.need.matched",
            actor=actor,
            obj=need,
            center=need.center,
            data={"donation": locked.pk, "quantity": quantity, "left": left - quantity},
        )
    return handover


def handover_confirm(
    *, actor: User, handover: Handover, on: dt.date, confirmation: str
) -> Handover:
    if handover.handed_over_on is not None:
        raise ValidationError(_("This handover is already recorded."))
    if handover.donation.pledged:
        raise ValidationError(
            _("These goods are pledged, not received yet: record their arrival first.")
        )
    if not confirmation.strip():
        raise ValidationError(
            {
                "confirmation": [
                    _("Record how the receiver confirmed (a name or signature reference).")
                ]
            }
        )
    if on > timezone.localdate():
        raise ValidationError({"on": [_("The date must not be in the future.")]})
    with transaction.atomic():
        handover.handed_over_on = on
        handover.receiver_confirmation = confirmation.strip()[:200]
        handover.save(update_fields=["handed_over_on", "receiver_confirmation", "updated"])
        need = handover.need
        if not need.handovers.filter(handed_over_on__isnull=True).exists():
            need.status = N.DELIVERED
            need.save(update_fields=["status", "updated"])
        audit_log(
            action="giving.handover.confirmed",
            actor=actor,
            obj=need,
            center=need.center,
            data={"handover": handover.pk},
        )
    return handover
