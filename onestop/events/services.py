"""Writes on events: the public registration with its waitlist, cancellation and promotion,
check-in at the door, walk-ins. Each writes its audit entry; emails go after commit."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.centers.models import Center
from onestop.events.models import Event, Registration
from onestop.privacy import notices
from onestop.thai import phones

R = Registration.Status
NOTICE_VERSION = notices.version("event")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
DOOR_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L


def _door_code(event: Event) -> str:
    """Six characters, unique within the event (inside the caller's event lock)."""
    taken = set(event.registrations.values_list("door_code", flat=True))
    while True:
        code = "".join(secrets.choice(DOOR_ALPHABET) for _ in range(6))
        if code not in taken:
            return code


@dataclass
class EventInput:
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    organiser: str
    description: str = ""
    place: str = ""
    online_url: str = ""
    audience: str = ""
    partners: str = ""
    course: Any = None  # a Course of the same center: this event is one of its sessions


def event_create(*, actor: User, center: Center, data: EventInput) -> Event:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = [_("This field is required.")]
    if data.kind not in Event.Kind.values:
        errors["kind"] = [_("Choose one of the listed values.")]
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = [_("The end must be after the start.")]
    if data.capacity < 1 or data.capacity > 100_000:
        errors["capacity"] = [_("Enter the number of places, at least 1.")]
    if not data.place.strip() and not data.online_url.strip():
        errors["place"] = [_("Give a place or an online link.")]
    if data.course is not None and data.course.center_id != center.pk:
        errors["course"] = [_("Choose one of the listed values.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = Event.objects.create(
            center=center,
            created_by=actor,
            **{k: (v.strip() if isinstance(v, str) else v) for k, v in data.__dict__.items()},
        )
        audit_log(
            action="events.event.created", actor=actor, obj=event, data={"capacity": event.capacity}
        )
    return event


@dataclass
class RegistrationInput:
    name: str
    email: str = ""
    phone: str = ""
    organisation: str = ""
    accessibility: str = ""
    consent: bool = False


@dataclass
class RegisterResult:
    registration: Registration
    created: bool


def _taken(event: Event) -> int:
    return event.registrations.filter(status=R.CONFIRMED).count()


def _validate_person(data: RegistrationInput) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    out = {"email": data.email.strip().lower(), "phone": ""}
    if not data.name.strip():
        errors["name"] = [_("This field is required.")]
    if not out["email"] and not data.phone.strip():
        errors["email"] = [_("Give an email or a phone number, for the ticket.")]
    if out["email"]:
        try:
            validate_email(out["email"])
        except ValidationError:
            errors["email"] = [_("Enter a valid email address.")]
    if data.phone.strip():
        try:
            out["phone"] = phones.normalise(data.phone)
        except phones.InvalidPhone as exc:
            errors["phone"] = [str(exc)]
    if not data.consent:
        errors["consent"] = [_("Please read the privacy notice and agree to it to register.")]
    if errors:
        raise ValidationError(errors)
    return out


def register(
    *, event: Event, data: RegistrationInput, now: dt.datetime | None = None
) -> RegisterResult:
    """A place if one is free, else the waitlist. The same email again returns the existing
    registration instead of a second one."""
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("This event is not taking registrations."))
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started."))
    clean = _validate_person(data)
    if clean["email"]:
        existing = (
            event.registrations.exclude(status=R.CANCELLED).filter(email=clean["email"]).first()
        )
        if existing is not None:
            return RegisterResult(existing, created=False)
    try:
        with transaction.atomic():
            # The event row is the lock: two people cannot take the last place together.
            Event.objects.select_for_update().filter(pk=event.pk).first()
            status = R.CONFIRMED if _taken(event) < event.capacity else R.WAITLISTED
            reg = Registration.objects.create(
                event=event,
                name=data.name.strip()[:150],
                email=clean["email"],
                phone=clean["phone"],
                organisation=data.organisation.strip()[:200],
                accessibility=data.accessibility.strip()[:300],
                consent_version=NOTICE_VERSION,
                status=status,
                token=secrets.token_urlsafe(32),
                door_code=_door_code(event),
            )
            audit_log(
                action="events.registration.created",
                obj=reg,
                center=event.center,
                data={"status": status},
            )
            _email_after_commit(reg, "confirmed" if status == R.CONFIRMED else "waitlisted")
    except IntegrityError:
        existing = (
            event.registrations.exclude(status=R.CANCELLED).filter(email=clean["email"]).first()
        )
        if existing is None:
            raise
        return RegisterResult(existing, created=False)
    return RegisterResult(reg, created=True)


def _email_after_commit(reg: Registration, what: str) -> None:
    if not reg.email:
        return
    from onestop.events.tasks import send_ticket

    pk = reg.pk
    transaction.on_commit(lambda: send_ticket.enqueue(pk, what))


def cancel(*, registration: Registration, actor: User | None = None) -> Registration:
    """Cancel a place (from the ticket page, or by staff). The first on the waitlist moves up."""
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=registration.event_id).first()
        reg = Registration.objects.get(pk=registration.pk)
        if reg.status == R.CANCELLED:
            return reg
        if reg.checked_in_at is not None:
            raise ValidationError(_("This person has already checked in."))
        was_confirmed = reg.status == R.CONFIRMED
        reg.status = R.CANCELLED
        reg.save(update_fields=["status", "updated"])
        audit_log(
            action="events.registration.cancelled", actor=actor, obj=reg, center=reg.event.center
        )
        if was_confirmed:
            promote(reg.event)
    return reg


def promote(event: Event) -> list[Registration]:
    """Fill free places from the waitlist, first come first served (inside the caller's lock)."""
    free = event.capacity - _taken(event)
    moved: list[Registration] = []
    if free <= 0:
        return moved
    for reg in event.registrations.filter(status=R.WAITLISTED).order_by("created", "id")[:free]:
        reg.status = R.CONFIRMED
        reg.promoted_at = timezone.now()
        reg.save(update_fields=["status", "promoted_at", "updated"])
        audit_log(action="events.registration.promoted", obj=reg, center=event.center)
        _email_after_commit(reg, "promoted")
        moved.append(reg)
    return moved


def check_in(*, actor: User, event: Event, code: str) -> Registration:
    """The ticket's token, scanned or typed at the door. A forged code, another event's ticket
    or a waitlisted place each get their own answer."""
    text = code.strip().rstrip("/")
    token = text.rsplit("/", 1)[-1]  # a scanned QR holds the whole ticket URL
    door = text.replace("-", "").replace(" ", "").upper()
    with transaction.atomic():
        if len(door) == 6 and all(c in DOOR_ALPHABET for c in door):
            reg = (
                Registration.objects.select_for_update().filter(event=event, door_code=door).first()
            )
        elif TOKEN_RE.match(token):
            reg = Registration.objects.select_for_update().filter(token=token).first()
        else:
            reg = None
        if reg is None:
            raise ValidationError(_("This is not one of our tickets."))
        if reg.event_id != event.pk:
            raise ValidationError(
                _("This ticket is for another event: %(title)s.") % {"title": reg.event.title}
            )
        if reg.status == R.CANCELLED:
            raise ValidationError(_("This registration was cancelled."))
        if reg.status == R.WAITLISTED:
            raise ValidationError(_("This person is still on the waitlist."))
        if reg.checked_in_at is not None:
            return reg  # scanned twice: already in
        reg.checked_in_at = timezone.now()
        reg.checked_in_by = actor
        reg.save(update_fields=["checked_in_at", "checked_in_by", "updated"])
        audit_log(
            action="events.registration.checked_in", actor=actor, obj=reg, center=event.center
        )
    return reg


def walk_in(*, actor: User, event: Event, data: RegistrationInput) -> Registration:
    """Someone who turns up without registering: registered and checked in at once, when a
    place is free."""
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("This event is cancelled."))
    clean = _validate_person(data)
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()
        if clean["email"]:
            existing = (
                event.registrations.exclude(status=R.CANCELLED).filter(email=clean["email"]).first()
            )
            if existing is not None:
                raise ValidationError(
                    _("This email is already registered: scan or type their ticket.")
                )
        if _taken(event) >= event.capacity:
            raise ValidationError(_("The event is full."))
        reg = Registration.objects.create(
            event=event,
            name=data.name.strip()[:150],
            email=clean["email"],
            phone=clean["phone"],
            organisation=data.organisation.strip()[:200],
            accessibility=data.accessibility.strip()[:300],
            consent_version=NOTICE_VERSION,
            status=R.CONFIRMED,
            token=secrets.token_urlsafe(32),
            door_code=_door_code(event),
            walk_in=True,
            checked_in_at=timezone.now(),
            checked_in_by=actor,
        )
        audit_log(action="events.registration.walk_in", actor=actor, obj=reg, center=event.center)
    return reg


def registration_by_token(token: str) -> Registration | None:
    from django_scopes import scopes_disabled

    if not TOKEN_RE.match(token or ""):
        return None
    with scopes_disabled():
        return Registration.objects.select_related("event__center").filter(token=token).first()


def ticket_url(reg: Registration) -> str:
    return f"{settings.SITE_URL}/events/t/{reg.token}/"


def attendance_rows(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "name": r.name,
            "organisation": r.organisation,
            "email": r.email,
            "phone": r.phone,
            "status": r.get_status_display(),
            "walk_in": r.walk_in,
            "checked_in_at": timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M")
            if r.checked_in_at
            else "",
            "accessibility": r.accessibility,
        }
        for r in event.registrations.exclude(status=R.CANCELLED).order_by("name")
    ]


def feedback_give(*, registration: Registration, rating: int, useful: str, improve: str) -> Any:
    from onestop.events.models import Feedback

    if registration.checked_in_at is None:
        raise ValidationError(_("Feedback is for those who came."))
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Choose from 1 to 5.")]})
    with transaction.atomic():
        feedback, _created = Feedback.objects.update_or_create(
            registration=registration,
            defaults={
                "rating": rating,
                "useful": useful.strip()[:2000],
                "improve": improve.strip()[:2000],
            },
        )
        audit_log(
            action="events.feedback.given",
            obj=registration,
            center=registration.event.center,
            data={"rating": rating},
        )
    return feedback


def reminders_send(now: dt.datetime | None = None) -> int:
    """Email each confirmed person once, the day before: events starting in the next 24 hours
    (run hourly: `python manage.py event_reminders`)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=R.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + dt.timedelta(hours=24),
    ).exclude(email="")
    count = 0
    for reg in due.select_related("event"):
        with transaction.atomic():
            if Registration.objects.filter(pk=reg.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                _email_after_commit(reg, "reminder")
                count += 1
    return count
