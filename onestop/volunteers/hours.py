"""Volunteer hours (ชั่วโมงจิตอาสา): visits log theirs when reported; volunteers report other
activities, which a coordinator approves or declines; certificates for a date range carry a
QR that opens /v/hours/<token>."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.volunteers.models import HoursCertificate, HoursEntry, Volunteer

H = HoursEntry.Status
DAY_LIMIT = Decimal(24)


def _day_total(volunteer: Volunteer, day: dt.date) -> Decimal:
    total = (
        HoursEntry.objects.filter(volunteer=volunteer, day=day)
        .exclude(status=H.DECLINED)
        .aggregate(t=Sum("hours"))["t"]
    )
    return Decimal(total or 0)


def hours_report(
    *, actor: User, volunteer: Volunteer, day: dt.date, hours: Decimal, activity: str
) -> HoursEntry:
    """A self-reported activity, pending until a coordinator decides."""
    errors: dict[str, list[str]] = {}
    if volunteer.status != Volunteer.Status.ACTIVE:
        errors["day"] = [_("Only an active volunteer reports hours.")]
    if day > timezone.localdate():
        errors["day"] = [_("The date must not be in the future.")]
    elif day < timezone.localdate() - dt.timedelta(days=90):
        errors["day"] = [_("Report within 90 days of the activity.")]
    if hours <= 0:
        errors["hours"] = [_("Enter the hours, more than 0.")]
    elif hours > DAY_LIMIT:
        errors["hours"] = [_("A day has at most 24 hours.")]
    if not activity.strip():
        errors["activity"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Serialise reports for one volunteer, so two at once cannot pass 24 hours together.
        Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
        already = _day_total(volunteer, day)
        if already + hours > DAY_LIMIT:
            raise ValidationError(
                {
                    "hours": [
                        _("With what is already logged (%(done)s h), that day would pass 24 hours.")
                        % {"done": already.normalize()}
                    ]
                }
            )
        entry = HoursEntry.objects.create(
            volunteer=volunteer,
            day=day,
            hours=hours,
            activity=activity.strip()[:300],
            source=HoursEntry.Source.SELF,
        )
        audit_log(
            action="volunteers.hours.reported",
            actor=actor,
            obj=volunteer,
            data={"entry": entry.pk, "day": day.isoformat(), "hours": str(hours)},
        )
    return entry


def hours_decide(*, actor: User, entry: HoursEntry, approve: bool, note: str = "") -> HoursEntry:
    if entry.status != H.PENDING:
        raise ValidationError(_("These hours have already been decided."))
    if not approve and not note.strip():
        raise ValidationError(_("Give the reason, for the record."))
    with transaction.atomic():
        entry.status = H.APPROVED if approve else H.DECLINED
        entry.decided_by = actor
        entry.decision_note = note.strip()[:300]
        entry.save(update_fields=["status", "decided_by", "decision_note", "updated"])
        audit_log(
            action="volunteers.hours.approved" if approve else "volunteers.hours.declined",
            actor=actor,
            obj=entry.volunteer,
            data={"entry": entry.pk, "note": note},
        )
    return entry


@dataclass
class MonthTotal:
    month: dt.date
    hours: Decimal


def monthly_totals(volunteer: Volunteer, months: int = 12) -> list[MonthTotal]:
    since = timezone.localdate().replace(day=1) - dt.timedelta(days=31 * (months - 1))
    rows = (
        HoursEntry.objects.filter(
            volunteer=volunteer, status=H.APPROVED, day__gte=since.replace(day=1)
        )
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(total=Sum("hours"))
        .order_by("-month")
    )
    return [MonthTotal(r["month"], Decimal(r["total"])) for r in rows]


def approved_total(volunteer: Volunteer, start: dt.date, end: dt.date) -> Decimal:
    total = HoursEntry.objects.filter(
        volunteer=volunteer, status=H.APPROVED, day__gte=start, day__lte=end
    ).aggregate(t=Sum("hours"))["t"]
    return Decimal(total or 0)


def certificate_issue(
    *, actor: User, volunteer: Volunteer, start: dt.date, end: dt.date
) -> HoursCertificate:
    if start > end:
        raise ValidationError({"end": [_("The end must be on or after the start.")]})
    if end > timezone.localdate():
        raise ValidationError({"end": [_("The date must not be in the future.")]})
    total = approved_total(volunteer, start, end)
    if total <= 0:
        raise ValidationError(_("No approved hours in this period."))
    with transaction.atomic():
        cert = HoursCertificate.objects.create(
            volunteer=volunteer,
            token=secrets.token_urlsafe(32),
            start=start,
            end=end,
            total_hours=total,
            issued_by=actor,
        )
        audit_log(
            action="volunteers.hours.certificate_issued",
            actor=actor,
            obj=volunteer,
            data={"certificate": cert.pk, "hours": str(total)},
        )
    return cert
