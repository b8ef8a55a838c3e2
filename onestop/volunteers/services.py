"""Writes on volunteers: the application, the coordinator's review, status changes, check
overrides, training records and the card lifecycle. Each writes its audit entry.

    applicant ⇄ more_info → active | rejected
    active → suspended | resigned | removed;  suspended → active | resigned | removed
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.centers.models import Center
from onestop.core.errors import check_version
from onestop.core.numbering import bump
from onestop.geo.models import Subdistrict
from onestop.intake.photos import clean_photo
from onestop.privacy import notices
from onestop.thai import ids, phones
from onestop.thai.dates import be_year, thai_age
from onestop.volunteers import checks
from onestop.volunteers.choices import DAY_LABELS, LANGUAGE_LABELS, SKILL_LABELS
from onestop.volunteers.models import (
    Card,
    CheckOverride,
    RegistrationCounter,
    TrainingRecord,
    Volunteer,
    VolunteerEvent,
    VolunteerType,
)

S = Volunteer.Status
GIVEN_NUMBER = re.compile(r"^\d{1,6}/25\d\d$")
NOTICE_VERSION = notices.version("volunteer")
DAYS = tuple(DAY_LABELS)
TRANSITIONS: dict[str, set[str]] = {
    S.ACTIVE: {S.SUSPENDED, S.RESIGNED, S.REMOVED},
    S.SUSPENDED: {S.ACTIVE, S.RESIGNED, S.REMOVED},
}


@dataclass
class ApplicationInput:
    type_code: str
    title: str
    given_name: str
    family_name: str
    birth_date: dt.date
    phone: str
    address_text: str
    home_subdistrict_code: str
    area_subdistrict_code: str
    emergency_name: str
    emergency_phone: str
    consent: bool
    nationality: str = "TH"
    national_id: str = ""
    passport_number: str = ""
    email: str = ""
    line_id: str = ""
    emergency_relation: str = ""
    student_id: str = ""
    faculty: str = ""
    skills: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    availability: list[str] = field(default_factory=list)
    availability_note: str = ""


def _event(v: Volunteer, kind: str, actor: User | None, text: str = "", **extra: str) -> None:
    VolunteerEvent.objects.create(volunteer=v, kind=kind, actor=actor, text=text[:500], **extra)


def _move(
    actor: User, volunteer: Volunteer, to: str, reason: str, *, action: str, data: dict[str, Any]
) -> None:
    """Change the status (inside the caller's transaction): the record, its history line with
    the reason, and the audit entry."""
    before = volunteer.status
    volunteer.status = to
    volunteer.version += 1
    volunteer.save()
    _event(volunteer, VolunteerEvent.Kind.STATUS, actor, reason, from_status=before, to_status=to)
    audit_log(
        action=action, actor=actor, obj=volunteer, changes={"status": [before, to]}, data=data
    )


def volunteer_apply(
    *,
    center: Center,
    data: ApplicationInput,
    photo: UploadedFile | None,
    now: dt.datetime | None = None,
) -> Volunteer:
    """A public application. Everything is checked before anything is written."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}

    def err(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    vtype = VolunteerType.objects.filter(code=data.type_code, is_active=True).first()
    if vtype is None:
        err("type", _("Choose one of the listed volunteer types."))
    for name in ("given_name", "family_name", "address_text", "emergency_name"):
        if not str(getattr(data, name)).strip():
            err(name, _("This field is required."))
    if data.nationality == "TH":
        try:
            national_id = ids.validate(data.national_id)
        except ids.InvalidNationalId as exc:
            err("national_id", str(exc))
            national_id = ""
    else:
        national_id = ids.compact(data.national_id) if data.national_id.strip() else ""
        if not data.passport_number.strip() and not national_id:
            err("passport_number", _("Give a passport or other ID number."))
    today = timezone.localtime(now).date()
    if data.birth_date > today:
        err("birth_date", _("The date of birth is in the future."))
    elif vtype is not None and (need := vtype.min_age()) is not None:
        age = thai_age(data.birth_date, today)
        if age < need:
            err(
                "birth_date",
                _("%(type)s must be %(need)s or older; you are %(age)s.")
                % {"type": vtype.name, "need": need, "age": age},
            )
    normalised: dict[str, str] = {}
    for name in ("phone", "emergency_phone"):
        try:
            normalised[name] = phones.normalise(getattr(data, name))
        except phones.InvalidPhone as exc:
            err(name, str(exc))
    subdistricts = {
        s.code: s
        for s in Subdistrict.objects.filter(
            code__in=[data.home_subdistrict_code, data.area_subdistrict_code]
        )
    }
    for name, code in (
        ("home_subdistrict", data.home_subdistrict_code),
        ("area_subdistrict", data.area_subdistrict_code),
    ):
        if code not in subdistricts:
            err(name, _("Choose a sub-district from the list."))
    known = {
        "skills": set(SKILL_LABELS),
        "languages": set(LANGUAGE_LABELS),
        "availability": set(DAYS),
    }
    for name, allowed in known.items():
        if set(getattr(data, name)) - allowed:
            err(name, _("Choose from the listed values."))
    if not data.consent:
        err("consent", _("Please read the privacy notice and agree to it to apply."))
    clean = None
    if photo is None:
        err("photo", _("A photo is needed for the ID card."))
    else:
        try:
            clean = clean_photo(photo)
        except ValidationError as exc:
            err("photo", exc.messages[0])
    if errors:
        raise ValidationError(errors)
    assert vtype is not None and clean is not None
    with transaction.atomic():
        volunteer = Volunteer.objects.create(
            center=center,
            type=vtype,
            title=data.title if data.title in Volunteer.Title.values else "",
            given_name=data.given_name.strip()[:100],
            family_name=data.family_name.strip()[:100],
            nationality=(data.nationality or "TH")[:2].upper(),
            national_id=national_id,
            passport_number=data.passport_number.strip()[:20],
            birth_date=data.birth_date,
            phone=normalised["phone"],
            email=data.email.strip()[:254],
            line_id=data.line_id.strip()[:60],
            address_text=data.address_text.strip()[:300],
            home_subdistrict=subdistricts[data.home_subdistrict_code],
            area_subdistrict=subdistricts[data.area_subdistrict_code],
            student_id=data.student_id.strip()[:20],
            faculty=data.faculty.strip()[:150],
            skills=sorted(set(data.skills)),
            languages=sorted(set(data.languages)),
            availability=[d for d in DAYS if d in data.availability],
            availability_note=data.availability_note.strip()[:200],
            emergency_name=data.emergency_name.strip()[:150],
            emergency_phone=normalised["emergency_phone"],
            emergency_relation=data.emergency_relation.strip()[:60],
            photo=clean.content.read(),
            photo_type=clean.content_type,
            consent_version=NOTICE_VERSION,
            applied_at=now,
        )
        _event(volunteer, VolunteerEvent.Kind.APPLIED, None, to_status=S.APPLICANT)
        audit_log(
            action="volunteers.volunteer.applied",
            obj=volunteer,
            data={"type": vtype.code, "consent_version": NOTICE_VERSION},
        )
    return volunteer


def _next_registration_number(center: Center, today: dt.date) -> str:
    year = be_year(today.year)
    n = bump(RegistrationCounter, center_id=center.pk, year=year)
    return f"{center.code.upper()}-{n:04d}/{year}"


def volunteer_review(
    *,
    actor: User,
    volunteer: Volunteer,
    decision: str,
    reason: str = "",
    registration_number: str = "",
    expected_version: int | None = None,
) -> Volunteer:
    """approve | more_info | reject. Approval needs every check passed or overridden, and for
    a type whose numbers the department issues, that number as given."""
    reason = reason.strip()
    if volunteer.status not in Volunteer.IN_REVIEW:
        raise ValidationError(_("This application has already been decided."))
    check_version(volunteer.version, expected_version)
    if decision == "approve":
        failing = [c for c in checks.evaluate(volunteer) if not c.ok]
        if failing:
            raise ValidationError(
                _("These checks fail and are not overridden: %(list)s.")
                % {"list": "; ".join(f"{c.label}: {c.reason}" for c in failing)}
            )
        today = timezone.localdate()
        if volunteer.type.numbering == VolunteerType.Numbering.GIVEN:
            number = registration_number.strip()
            if not GIVEN_NUMBER.match(number):
                raise ValidationError(
                    {
                        "registration_number": _(
                            "Enter the number the registering department issued, as NNNN/BE year (for example 0123/2568)."
                        )
                    }
                )
        else:
            number = ""
        to = S.ACTIVE
    elif decision in ("more_info", "reject"):
        if not reason:
            raise ValidationError({"reason": _("Say what is missing or why, for the record.")})
        to = S.MORE_INFO if decision == "more_info" else S.REJECTED
    else:
        raise ValidationError(_("Choose approve, ask for more, or reject."))
    try:
        with transaction.atomic():
            if to == S.ACTIVE:
                volunteer.registration_number = number or _next_registration_number(
                    volunteer.center, today
                )
                volunteer.registered_on = today
            if to == S.MORE_INFO:
                volunteer.review_note = reason[:500]
            _move(
                actor,
                volunteer,
                to,
                reason,
                action="volunteers.volunteer.reviewed",
                data={"decision": decision, "registration_number": volunteer.registration_number},
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"registration_number": _("Another volunteer already has this registration number.")}
        ) from exc
    return volunteer


def volunteer_set_status(
    *,
    actor: User,
    volunteer: Volunteer,
    status: str,
    reason: str,
    expected_version: int | None = None,
) -> Volunteer:
    reason = reason.strip()
    if status not in TRANSITIONS.get(volunteer.status, set()):
        raise ValidationError(
            _("A volunteer who is %(from)s cannot become %(to)s.")
            % {"from": volunteer.get_status_display(), "to": dict(S.choices).get(status, status)}
        )
    if not reason:
        raise ValidationError({"reason": _("Give the reason, for the record.")})
    check_version(volunteer.version, expected_version)
    with transaction.atomic():
        _move(
            actor,
            volunteer,
            status,
            reason,
            action="volunteers.volunteer.status_changed",
            data={"reason": reason},
        )
        if status in (S.RESIGNED, S.REMOVED):
            # A volunteer who has left must not show a valid card at anyone's door.
            for card in volunteer.cards.filter(status=Card.Status.ACTIVE):
                _revoke(
                    actor,
                    card,
                    _("Volunteer %(status)s: %(reason)s")
                    % {"status": volunteer.get_status_display(), "reason": reason},
                )
    return volunteer


def check_override(*, actor: User, volunteer: Volunteer, code: str, reason: str) -> CheckOverride:
    reason = reason.strip()
    results = {c.code: c for c in checks.evaluate(volunteer)}
    if code not in results:
        raise ValidationError(_("This type has no such check."))
    if results[code].passed:
        raise ValidationError(_("This check passes; there is nothing to override."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason, for the record.")})
    with transaction.atomic():
        override, _created = CheckOverride.objects.update_or_create(
            volunteer=volunteer, code=code, defaults={"reason": reason[:500], "actor": actor}
        )
        _event(volunteer, VolunteerEvent.Kind.OVERRIDE, actor, f"{results[code].label}: {reason}")
        audit_log(
            action="volunteers.check.overridden",
            actor=actor,
            obj=volunteer,
            data={"check": code, "reason": reason},
        )
    return override


def training_record_add(
    *,
    actor: User | None,
    volunteer: Volunteer,
    course_code: str,
    title: str,
    hours: Decimal,
    completed_on: dt.date,
    expires_on: dt.date | None = None,
    certificate: str = "",
    source: str = TrainingRecord.Source.MANUAL,
) -> TrainingRecord:
    """A completed course. The courses issue's completion calls this with source=course."""
    errors: dict[str, str] = {}
    if not course_code.strip():
        errors["course_code"] = _("This field is required.")
    if not title.strip():
        errors["title"] = _("This field is required.")
    if hours <= 0 or hours > 1000:
        errors["hours"] = _("Enter the hours, between 0.5 and 1,000.")
    if completed_on > timezone.localdate():
        errors["completed_on"] = _("The course cannot be completed in the future.")
    if expires_on is not None and expires_on <= completed_on:
        errors["expires_on"] = _("The expiry must be after the completion date.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = TrainingRecord.objects.create(
            volunteer=volunteer,
            course_code=course_code.strip().upper()[:30],
            title=title.strip()[:200],
            hours=hours,
            completed_on=completed_on,
            expires_on=expires_on,
            certificate=certificate.strip()[:200],
            source=source,
            recorded_by=actor,
        )
        _event(
            volunteer, VolunteerEvent.Kind.TRAINING, actor, f"{record.course_code} {record.title}"
        )
        audit_log(
            action="volunteers.training.recorded",
            actor=actor,
            obj=volunteer,
            data={"course": record.course_code, "hours": str(hours), "source": source},
        )
    return record


# Cards ------------------------------------------------------------------------------------


def new_card_token() -> str:
    """32 random bytes, URL-safe: the QR holds only this, never personal data."""
    return secrets.token_urlsafe(32)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _issuer(actor: User) -> tuple[str, str]:
    name = actor.get_full_name() or actor.get_username()
    position = _("Coordinator, %(center)s") % {"center": actor.center.name if actor.center else ""}
    return name[:150], position[:200]


def card_issue(*, actor: User, volunteer: Volunteer, kind: str = Card.Kind.ISSUE) -> Card:
    """issue (the first card), renew (a new validity period) or reprint (same expiry, new
    token). A renewed or reprinted card replaces the valid one, whose token stops verifying."""
    if volunteer.status != S.ACTIVE:
        raise ValidationError(_("Only an active volunteer gets a card."))
    current = volunteer.cards.filter(status=Card.Status.ACTIVE).first()
    today = timezone.localdate()
    if kind == Card.Kind.ISSUE:
        if current is not None:
            raise ValidationError(
                _("This volunteer already has a valid card: renew or reprint it.")
            )
        expires = _add_years(today, volunteer.type.card_valid_years)
    elif kind == Card.Kind.RENEW:
        expires = _add_years(today, volunteer.type.card_valid_years)
    elif kind == Card.Kind.REPRINT:
        if current is None:
            raise ValidationError(_("There is no valid card to reprint: issue or renew one."))
        expires = current.expires_on
    else:
        raise ValidationError(_("Choose issue, renew or reprint."))
    name, position = _issuer(actor)
    with transaction.atomic():
        if current is not None:
            current.status = Card.Status.REPLACED
            current.revoked_at = timezone.now()
            current.save(update_fields=["status", "revoked_at", "updated"])
        card = Card.objects.create(
            volunteer=volunteer,
            token=new_card_token(),
            kind=kind,
            issued_on=today,
            expires_on=expires,
            issued_by=actor,
            issuer_name=name,
            issuer_position=position,
        )
        _event(volunteer, VolunteerEvent.Kind.CARD, actor, str(Card.Kind(kind).label))
        audit_log(
            action=f"volunteers.card.{kind}d"
            if kind != Card.Kind.REPRINT
            else "volunteers.card.reprinted",
            actor=actor,
            obj=volunteer,
            data={
                "card": card.pk,
                "expires_on": expires.isoformat(),
                "replaced": current.pk if current else None,
            },
        )
    return card


def _revoke(actor: User, card: Card, reason: str) -> None:
    card.status = Card.Status.REVOKED
    card.revoked_at = timezone.now()
    card.revoke_reason = reason[:300]
    card.save(update_fields=["status", "revoked_at", "revoke_reason", "updated"])
    _event(
        card.volunteer, VolunteerEvent.Kind.CARD, actor, _("Card revoked: %(r)s") % {"r": reason}
    )
    audit_log(
        action="volunteers.card.revoked",
        actor=actor,
        obj=card.volunteer,
        data={"card": card.pk, "reason": reason},
    )


def card_revoke(*, actor: User, card: Card, reason: str) -> Card:
    reason = reason.strip()
    if card.status != Card.Status.ACTIVE:
        raise ValidationError(_("This card is no longer valid."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason, for the record.")})
    with transaction.atomic():
        _revoke(actor, card, reason)
    return card


def cards_mark_printed(*, actor: User, cards: list[Card], what: str = "sheet") -> None:
    now = timezone.now()
    with transaction.atomic():
        for card in cards:
            audit_log(
                action="volunteers.card.printed",
                actor=actor,
                obj=card.volunteer,
                data={"card": card.pk, "as": what},
            )
        Card.objects.filter(pk__in=[c.pk for c in cards], printed_at__isnull=True).update(
            printed_at=now
        )


@dataclass
class Verification:
    state: str  # valid | expired | revoked | suspended
    card: Card

    @property
    def valid(self) -> bool:
        return self.state == "valid"

    def as_json(self) -> dict[str, Any]:
        v = self.card.volunteer
        out: dict[str, Any] = {"state": self.state, "valid": self.valid, "type": v.type.name}
        if self.state in ("valid", "expired"):
            out.update(
                {
                    "name": v.masked_name,
                    "national_id": ids.mask(v.national_id) if v.national_id else "",
                    "registration_number": v.registration_number,
                    "center": v.center.name,
                    "expires_on": self.card.expires_on.isoformat(),
                }
            )
        return out


def card_verify(token: str, *, ip: str | None = None) -> Verification | None:
    """What the public verify page shows. None for a token that does not exist (guessed or
    tampered): the caller answers 404 and learns nothing. Every verify is audited."""
    from django_scopes import scopes_disabled

    token = (token or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", token):
        return None
    with scopes_disabled():
        card = (
            Card.objects.select_related("volunteer__type", "volunteer__center")
            .filter(token=token)
            .first()
        )
    if card is None:
        return None
    v = card.volunteer
    if card.status != Card.Status.ACTIVE:
        state = "revoked"
    elif v.status == S.SUSPENDED:
        state = "suspended"
    elif v.status != S.ACTIVE:
        state = "revoked"
    elif card.expires_on < timezone.localdate():
        state = "expired"
    else:
        state = "valid"
    audit_log(
        action="volunteers.card.verified",
        obj=v,
        kind="read",
        actor_label="public",
        data={"card": card.pk, "state": state},
    )
    return Verification(state, card)


def volunteer_account_create(*, actor: User, volunteer: Volunteer) -> tuple[User, str]:
    """A sign-in account with the volunteer role, so they get visits on their phone. The
    username is their mobile number as they would type it; the first password is returned once
    for the coordinator to hand over, and every sign-in is audited like staff's."""
    from onestop.accounts import services as accounts

    if volunteer.status != S.ACTIVE:
        raise ValidationError(_("Only an active volunteer gets a sign-in account."))
    if volunteer.user_id is not None:
        raise ValidationError(_("This volunteer already has a sign-in account."))
    username = phones.display(volunteer.phone).replace("-", "").replace(" ", "")
    if User.objects.filter(username=username).exists():
        username = f"{username}-{volunteer.pk}"
    password = secrets.token_urlsafe(9)
    with transaction.atomic():
        user = accounts.user_create(
            actor=actor,
            username=username,
            password=password,
            center=volunteer.center,
            roles=["volunteer"],
            first_name=volunteer.given_name,
            last_name=volunteer.family_name,
            email=volunteer.email,
        )
        volunteer.user = user
        volunteer.save(update_fields=["user", "updated"])
        audit_log(
            action="volunteers.volunteer.account_created",
            actor=actor,
            obj=volunteer,
            data={"username": username},
        )
    return user, password


def certificate_verify(token: str) -> Any:
    """The hours certificate for a token, or None (guessed, tampered): audited like cards."""
    from django_scopes import scopes_disabled

    from onestop.volunteers.models import HoursCertificate

    token = (token or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", token):
        return None
    with scopes_disabled():
        cert = (
            HoursCertificate.objects.select_related("volunteer__type", "volunteer__center")
            .filter(token=token)
            .first()
        )
    if cert is not None:
        audit_log(
            action="volunteers.hours.certificate_verified",
            obj=cert.volunteer,
            kind="read",
            actor_label="public",
            data={"certificate": cert.pk},
        )
    return cert
