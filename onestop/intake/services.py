"""Writes on help requests and contacts. Each is one function that audits itself."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from onestop.accounts.models import User
from onestop.audit.services import audit_entry, audit_log, diff, snapshot
from onestop.centers.models import Center
from onestop.core.errors import check_version
from onestop.core.numbering import insert_numbered, next_number
from onestop.geo.models import subdistrict_codes
from onestop.intake import deadlines, lexicon
from onestop.intake.models import (
    URGENCY_RANK,
    Category,
    CenterClosure,
    CenterHours,
    Contact,
    HelpRequest,
    HelpRequestPhoto,
    ReferenceCounter,
    ResponsePolicy,
    RiskFlag,
    Urgency,
    target_group_for_age,
)
from onestop.intake.photos import MAX_PHOTOS, clean_photo
from onestop.privacy import notices
from onestop.thai import phones

MAX_DESCRIPTION = 5000
# Thailand's bounding box with a small margin (the land border and the islands).
LAT_RANGE = (Decimal("5.5"), Decimal("20.6"))
LNG_RANGE = (Decimal("97.2"), Decimal("105.8"))
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
IDEMPOTENCY_TTL = 24 * 3600
# The choices' values, once: an enum's .values builds a new list on every use, and _validate
# is on the public endpoint's hot path.
CHANNELS = frozenset(HelpRequest.Channel.values)
RELATIONSHIPS = frozenset(HelpRequest.Relationship.values)
SEXES = frozenset(HelpRequest.Sex.values)


def _hash_code(code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").upper()
    # hmac.digest: the same HMAC-SHA256 as hmac.new(...).hexdigest(), in one C call.
    return hmac.digest(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hex()


def new_tracking_code() -> str:
    # One uniform draw below 31^8, written in the 31-letter alphabet: the same distribution as
    # eight secrets.choice calls, for one call to the system's random source instead of eight.
    base = len(TRACKING_ALPHABET)
    value = secrets.randbelow(base**8)
    raw = ""
    for _position in range(8):
        value, digit = divmod(value, base)
        raw += TRACKING_ALPHABET[digit]
    return f"{raw[:4]}-{raw[4:]}"


def _next_reference(center: Center, at: dt.datetime) -> str:
    return next_number(ReferenceCounter, center, at)


@dataclass
class HelpRequestInput:
    """What a reporter tells us, from any channel. Only ``description`` is required."""

    description: str
    channel: str = HelpRequest.Channel.WEB
    category_code: str = ""
    reporter_relationship: str = HelpRequest.Relationship.OTHER
    reporter_anonymous: bool = False
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_line_id: str = ""
    safe_to_contact: bool = True
    subject_name: str = ""
    subject_age: int | None = None
    subject_sex: str = ""
    subject_description: str = ""
    subdistrict_code: str = ""
    address_text: str = ""
    lat: Decimal | float | None = None
    lng: Decimal | float | None = None
    notice_version: str = ""
    line_user_id: str = ""
    photos: Sequence[UploadedFile] = field(default_factory=list)


@dataclass
class SubmitResult:
    request: HelpRequest
    tracking_code: str
    created: bool


def _validate(data: HelpRequestInput) -> dict[str, Any]:
    """Check everything before anything is written; raise one ValidationError with all fields."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}

    def err(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    description = (data.description or "").strip()
    if not description:
        err("description", _("Please tell us what is happening."))
    elif len(description) > MAX_DESCRIPTION:
        err("description", _("Please keep it under %(n)s characters.") % {"n": MAX_DESCRIPTION})
    out["description"] = description
    if data.channel not in CHANNELS:
        err("channel", _("Choose one of the listed values."))
    out["category"] = None
    if data.category_code:
        out["category"] = Category.objects.filter(code=data.category_code, is_active=True).first()
        if out["category"] is None:
            err("category_code", _("Unknown problem category."))
    if data.reporter_relationship not in RELATIONSHIPS:
        err("reporter.relationship", _("Choose one of the listed values."))
    out["reporter_phone"] = ""
    if data.reporter_phone.strip():
        try:
            out["reporter_phone"] = phones.normalise(data.reporter_phone)
        except phones.InvalidPhone as exc:
            err("reporter.phone", str(exc))
    for name, value, limit in (
        ("reporter.name", data.reporter_name, 150),
        ("reporter.line_id", data.reporter_line_id, 60),
        ("subject.name", data.subject_name, 150),
        ("subject.description", data.subject_description, 500),
        ("location.address_text", data.address_text, 300),
    ):
        if len(value or "") > limit:
            err(name, _("Use at most %(n)s characters.") % {"n": limit})
    if data.subject_age is not None and not 0 <= data.subject_age <= 130:
        err("subject.age_estimate", _("Enter an age between 0 and 130."))
    if data.subject_sex and data.subject_sex not in SEXES:
        err("subject.sex", _("Choose one of the listed values."))
    out["subdistrict_id"] = None
    if data.subdistrict_code:
        if data.subdistrict_code in subdistrict_codes():
            out["subdistrict_id"] = data.subdistrict_code
        else:
            err("location.subdistrict_code", _("Unknown sub-district code."))
    if (data.lat is None) != (data.lng is None):
        err("location", _("Send both latitude and longitude, or neither."))
    elif data.lat is not None and data.lng is not None:
        lat, lng = Decimal(str(data.lat)), Decimal(str(data.lng))
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LNG_RANGE[0] <= lng <= LNG_RANGE[1]):
            err("location", _("This location is outside Thailand."))
        out["lat"], out["lng"] = (
            lat.quantize(Decimal("0.000001")),
            lng.quantize(Decimal("0.000001")),
        )
    if len(data.photos) > MAX_PHOTOS:
        err("photos", _("Send at most %(n)s photos.") % {"n": MAX_PHOTOS})
    cleaned = []
    for upload in data.photos[:MAX_PHOTOS]:
        try:
            cleaned.append(clean_photo(upload))
        except ValidationError as exc:
            err("photos", exc.messages[0])
    out["photos"] = cleaned
    if errors:
        raise ValidationError(errors)
    return out


def _by_idempotency_key(key: str) -> HelpRequest | None:
    # Keys are unique across the deployment and the public has no center scope: look up
    # across centers on purpose.
    with scopes_disabled():
        return HelpRequest.objects.filter(idempotency_key=key).first()


def help_request_submit(
    *,
    center: Center,
    data: HelpRequestInput,
    idempotency_key: str = "",
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> SubmitResult:
    """Create a help request from any channel. A repeated idempotency key returns the first one."""
    key = (idempotency_key or "").strip()[:80]
    if key:
        existing = _by_idempotency_key(key)
        if existing is not None:
            return SubmitResult(existing, cache.get(f"idem:{key}", ""), created=False)
    clean = _validate(data)
    received = now or timezone.now()
    try:
        result = _create(
            center=center, data=data, clean=clean, key=key, actor=actor, received=received
        )
    except IntegrityError:
        # Two identical submits raced past the check above: the other one won.
        existing = _by_idempotency_key(key) if key else None
        if existing is None:
            raise
        return SubmitResult(existing, cache.get(f"idem:{key}", ""), created=False)
    if key:
        cache.set(f"idem:{key}", result.tracking_code, IDEMPOTENCY_TTL)
    return result


def _create(
    *,
    center: Center,
    data: HelpRequestInput,
    clean: dict[str, Any],
    key: str,
    actor: User | None,
    received: dt.datetime,
) -> SubmitResult:
    suggestion = lexicon.suggest(clean["description"])
    # The lexicon's category stays a suggestion: only the officer sets it, at triage.
    category = clean["category"]
    code = new_tracking_code()
    calendar = deadlines.Calendar.for_center(center)
    after_hours = deadlines.is_after_hours(center, received, calendar)
    request = HelpRequest(
        center=center,
        tracking_code_hash=_hash_code(code),
        idempotency_key=key,
        channel=data.channel,
        received_at=received,
        description=clean["description"],
        category=category,
        reporter_relationship=data.reporter_relationship,
        reporter_anonymous=data.reporter_anonymous,
        reporter_name="" if data.reporter_anonymous else data.reporter_name.strip(),
        reporter_phone=clean["reporter_phone"],
        reporter_line_id=data.reporter_line_id.strip(),
        safe_to_contact=data.safe_to_contact,
        line_user_id=data.line_user_id,
        subject_name=data.subject_name.strip(),
        subject_age=data.subject_age,
        subject_sex=data.subject_sex,
        subject_description=data.subject_description.strip(),
        subdistrict_id=clean["subdistrict_id"],
        address_text=data.address_text.strip(),
        lat=clean.get("lat"),
        lng=clean.get("lng"),
        notice_version=data.notice_version[:20],
        suggested_urgency=suggestion.urgency,
        suggestion=suggestion.as_json(),
        urgency=suggestion.urgency,
        risk_flags=suggestion.flags,
        target_group=target_group_for_age(data.subject_age),
        after_hours=after_hours,
    )
    request.first_contact_due = deadlines.first_contact_due(
        center, request.urgency, received, calendar
    )
    action = "intake.help_request.submitted"
    audit_data = {
        "channel": request.channel,
        "photos": len(clean["photos"]),
        "suggested_urgency": suggestion.urgency,
        "after_hours": after_hours,
    }
    # On PostgreSQL a report without photos is numbered, saved and audited in one statement.
    if not clean["photos"] and insert_numbered(
        request,
        number_field="reference",
        counter=ReferenceCounter,
        center=center,
        at=received,
        follower=audit_entry(action=action, actor=actor, obj=request, data=audit_data),
    ):
        return SubmitResult(request, code, created=True)
    with transaction.atomic():
        # Numbered just before the inserts: the counter row stays locked only for the inserts
        # and the commit, so concurrent reports to one center barely wait for each other.
        request.reference = _next_reference(center, received)
        request.save()
        for photo in clean["photos"]:
            HelpRequestPhoto.objects.create(
                request=request,
                image=photo.content,
                content_type=photo.content_type,
                size=len(photo.content),
                width=photo.width,
                height=photo.height,
            )
        audit_log(action=action, actor=actor, obj=request, data=audit_data)
    return SubmitResult(request, code, created=True)


class StatusNotFound(Exception):
    """The same answer for an unknown reference and a wrong code, on purpose."""


def help_request_status(*, reference: str, tracking_code: str) -> HelpRequest:
    ref = (reference or "").strip().upper()[:24]
    code = (tracking_code or "").strip()[:20]
    if not ref or not code:
        raise StatusNotFound
    # References are unique across the deployment; the public asks without a center scope.
    with scopes_disabled():
        request = HelpRequest.objects.select_related("merged_into").filter(reference=ref).first()
    if request is None:
        _hash_code(code)  # same work either way: no timing hint about which part was wrong
        raise StatusNotFound
    if not hmac.compare_digest(request.tracking_code_hash, _hash_code(code)):
        raise StatusNotFound
    # A merged request reports the status of the one it was merged into.
    return request.merged_into if request.merged_into_id else request  # type: ignore[return-value]


TRIAGE_FIELDS = [
    "category",
    "urgency",
    "risk_flags",
    "target_group",
    "status",
    "outcome",
    "outcome_reason",
    "merged_into",
]


@transaction.atomic
def help_request_triage(
    *,
    actor: User,
    request: HelpRequest,
    urgency: str,
    risk_flags: list[str],
    outcome: str,
    reason: str,
    category: Category | None = None,
    merge_into: HelpRequest | None = None,
    target_group: str = "",
    expected_version: int | None = None,
) -> HelpRequest:
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    check_version(request.version, expected_version)
    errors: dict[str, list[str]] = {}
    if not request.is_open:
        errors["outcome"] = [_("This request has already been triaged.")]
    if urgency not in Urgency.values:
        errors["urgency"] = [_("Choose one of the listed values.")]
    bad_flags = [f for f in risk_flags if f not in RiskFlag.values]
    if bad_flags:
        errors["risk_flags"] = [_("Choose one of the listed values.")]
    if outcome not in HelpRequest.Outcome.values:
        errors["outcome"] = [_("Choose one of the listed values.")]
    if not reason.strip():
        errors["outcome_reason"] = [_("Give a reason for this outcome.")]
    if outcome == HelpRequest.Outcome.MERGE and (
        merge_into is None
        or merge_into.pk == request.pk
        or merge_into.center_id != request.center_id
    ):
        errors["merge_into"] = [_("Give the reference of another request of this center.")]
    if outcome == HelpRequest.Outcome.ACCEPT and category is None:
        errors["category"] = [_("Choose a category before accepting for case work.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(request, TRIAGE_FIELDS)
    request.category = category
    if URGENCY_RANK[Urgency(urgency)] != URGENCY_RANK[Urgency(request.urgency)]:
        request.first_contact_due = deadlines.first_contact_due(
            request.center, urgency, request.received_at
        )
    request.urgency = urgency
    request.risk_flags = sorted(set(risk_flags))
    if target_group:
        request.target_group = target_group
    request.outcome = outcome
    request.outcome_reason = reason.strip()[:500]
    request.merged_into = merge_into if outcome == HelpRequest.Outcome.MERGE else None
    request.status = {
        HelpRequest.Outcome.ACCEPT: HelpRequest.Status.ACCEPTED,
        HelpRequest.Outcome.EMERGENCY: HelpRequest.Status.REFERRED,
        HelpRequest.Outcome.MERGE: HelpRequest.Status.CLOSED,
        HelpRequest.Outcome.INFO_ONLY: HelpRequest.Status.CLOSED,
    }[HelpRequest.Outcome(outcome)]
    request.triaged_by = actor
    request.triaged_at = timezone.now()
    if request.first_contact_at is None:
        request.first_contact_at = request.triaged_at
    request.version += 1
    request.save()
    audit_log(
        action="intake.help_request.triaged",
        actor=actor,
        obj=request,
        changes=diff(before, snapshot(request, TRIAGE_FIELDS)),
        data={"suggested_urgency": request.suggested_urgency},
    )
    _notify_status(request)
    return request


@transaction.atomic
def help_request_start_review(*, actor: User, request: HelpRequest) -> HelpRequest:
    """An officer opened the request: status moves to in-review and the first contact clock stops
    only when they record the contact (help_request_record_contact)."""
    if request.status != HelpRequest.Status.RECEIVED:
        return request
    HelpRequest.objects.filter(pk=request.pk).update(
        status=HelpRequest.Status.IN_REVIEW, version=F("version") + 1
    )
    request.refresh_from_db()
    audit_log(
        action="intake.help_request.review_started",
        actor=actor,
        obj=request,
        changes={"status": [HelpRequest.Status.RECEIVED, HelpRequest.Status.IN_REVIEW]},
    )
    _notify_status(request)
    return request


@transaction.atomic
def help_request_record_contact(
    *, actor: User, request: HelpRequest, note: str = ""
) -> HelpRequest:
    if request.first_contact_at is not None:
        return request
    now = timezone.now()
    HelpRequest.objects.filter(pk=request.pk).update(first_contact_at=now, version=F("version") + 1)
    request.refresh_from_db()
    audit_log(
        action="intake.help_request.first_contact",
        actor=actor,
        obj=request,
        data={
            "note": note[:300],
            "late": bool(request.first_contact_due and now > request.first_contact_due),
        },
    )
    return request


@transaction.atomic
def help_request_handoff_1300(*, actor: User, request: HelpRequest, note: str) -> HelpRequest:
    """Record that a most-urgent request that came in after hours was handed to hotline 1300."""
    if not note.strip():
        raise ValidationError({"note": [_("Say who at 1300 took the hand-off, or the call time.")]})
    if request.handoff_1300_at is not None:
        return request
    now = timezone.now()
    HelpRequest.objects.filter(pk=request.pk).update(
        handoff_1300_at=now,
        first_contact_at=request.first_contact_at or now,
        version=F("version") + 1,
    )
    request.refresh_from_db()
    audit_log(
        action="intake.help_request.handed_off_1300",
        actor=actor,
        obj=request,
        data={"note": note[:300]},
    )
    return request


def _notify_status(request: HelpRequest) -> None:
    """Tell a LINE reporter the new status, never where contact is not safe."""
    if request.channel != HelpRequest.Channel.LINE or not request.line_user_id:
        return
    if not request.safe_to_contact:
        return
    from onestop.intake.tasks import line_push_status

    transaction.on_commit(lambda: line_push_status.enqueue(request.pk))


CONTACT_TYPES_OPENING_REQUESTS = {Contact.CallType.NEW_PROBLEM, Contact.CallType.FOLLOW_UP}


@transaction.atomic
def contact_record(
    *,
    actor: User,
    center: Center,
    channel: str,
    call_type: str,
    note: str = "",
    data: HelpRequestInput | None = None,
    earlier_reference: str = "",
) -> Contact:
    """Count one hotline or walk-in contact. New problems open a help request; a follow-up is
    linked to the earlier request, or opens a new one when the reference is unknown."""
    errors: dict[str, list[str]] = {}
    if channel not in (HelpRequest.Channel.PHONE, HelpRequest.Channel.WALK_IN):
        errors["channel"] = [_("Choose one of the listed values.")]
    if call_type not in Contact.CallType.values:
        errors["call_type"] = [_("Choose one of the listed values.")]
    linked: HelpRequest | None = None
    if call_type == Contact.CallType.FOLLOW_UP:
        linked = HelpRequest.objects.filter(
            center=center, reference=earlier_reference.strip().upper()
        ).first()
        if linked is None and not (data and data.description.strip()):
            errors["earlier_reference"] = [_("No request of this center has that reference.")]
    if call_type == Contact.CallType.NEW_PROBLEM and not (data and data.description.strip()):
        errors["description"] = [_("Please tell us what is happening.")]
    if errors:
        raise ValidationError(errors)
    if call_type in CONTACT_TYPES_OPENING_REQUESTS and linked is None and data is not None:
        data.channel = channel
        # The officer read the reporters' script (shown on the contact form) to the caller.
        data.notice_version = data.notice_version or notices.version("reporter")
        linked = help_request_submit(center=center, data=data, actor=actor).request
        # The caller is on the line: this is the first human contact.
        HelpRequest.objects.filter(pk=linked.pk).update(first_contact_at=timezone.now())
    contact = Contact.objects.create(
        center=center,
        channel=channel,
        call_type=call_type,
        recorded_by=actor,
        note=note[:2000],
        help_request=linked,
    )
    audit_log(
        action="intake.contact.recorded",
        actor=actor,
        obj=contact,
        data={
            "call_type": call_type,
            "channel": channel,
            "reference": linked.reference if linked else "",
        },
    )
    return contact


def help_requests_escalate(*, now: dt.datetime | None = None) -> int:
    """Escalate every open request whose first-contact deadline passed, once, to the center's
    supervisors (in-app, and email when configured). Run periodically."""
    from onestop.notifications.services import notify

    now = now or timezone.now()
    due = list(
        HelpRequest.objects.filter(
            status__in=[HelpRequest.Status.RECEIVED, HelpRequest.Status.IN_REVIEW],
            first_contact_at__isnull=True,
            escalated_at__isnull=True,
            first_contact_due__lt=now,
        ).select_related("center")[:500]
    )
    count = 0
    # One query per center, not per request: a backlog after an outage can be hundreds.
    supervisors_by_center: dict[int, list[User]] = {}
    for request in due:
        with transaction.atomic():
            # The update is the lock: a second worker running the sweep escalates nothing twice.
            if not HelpRequest.objects.filter(pk=request.pk, escalated_at__isnull=True).update(
                escalated_at=now
            ):
                continue
            if request.center_id not in supervisors_by_center:
                supervisors_by_center[request.center_id] = list(
                    User.objects.filter(
                        center_id=request.center_id,
                        is_active=True,
                        groups__permissions__codename="can_view_deadlines",
                    ).distinct()
                )
            supervisors = supervisors_by_center[request.center_id]
            late = (
                int((now - request.first_contact_due).total_seconds() // 60)
                if request.first_contact_due
                else 0
            )
            text = _(
                "%(ref)s (%(urgency)s) has had no first contact; %(late)s minutes past its deadline."
            ) % {
                "ref": request.reference,
                "urgency": request.get_urgency_display(),
                "late": late,
            }
            notified = notify(
                users=supervisors,
                text=text,
                link=f"/intake/requests/{request.pk}/",
                email_subject=_("Deadline passed: %(ref)s") % {"ref": request.reference},
            )
            audit_log(
                action="intake.help_request.escalated",
                obj=request,
                data={"minutes_late": late, "notified": notified},
            )
            count += 1
    return count


CALENDAR_FIELDS = ["opens", "closes", "workdays"]


@transaction.atomic
def center_calendar_update(
    *,
    actor: User,
    center: Center,
    opens: dt.time,
    closes: dt.time,
    workdays: str,
    policies: dict[str, tuple[int | None, bool]],
) -> None:
    """Office hours and the first-contact time per urgency for one center, audited."""
    errors: dict[str, list[str]] = {}
    if closes <= opens:
        errors["closes"] = [_("The center must close after it opens.")]
    days = "".join(sorted({d for d in workdays if d in "1234567"}))
    if not days:
        errors["workdays"] = [_("Choose at least one working day.")]
    for urgency, (minutes, _working) in policies.items():
        if urgency not in Urgency.values:
            errors["policies"] = [_("Choose one of the listed values.")]
        elif minutes is not None and not 1 <= minutes <= 60 * 24 * 14:
            errors[f"minutes_{urgency}"] = [
                _("Enter between 1 minute and 14 days, or leave empty.")
            ]
    if errors:
        raise ValidationError(errors)
    hours, _created = CenterHours.objects.select_for_update().get_or_create(center=center)
    before = snapshot(hours, CALENDAR_FIELDS)
    before_policies = {
        p.urgency: [p.minutes, p.working_time_only]
        for p in ResponsePolicy.objects.filter(center=center)
    }
    hours.opens, hours.closes, hours.workdays = opens, closes, days
    hours.save()
    for urgency, (minutes, working_only) in policies.items():
        ResponsePolicy.objects.update_or_create(
            center=center,
            urgency=urgency,
            defaults={"minutes": minutes, "working_time_only": working_only},
        )
    changes = diff(before, snapshot(hours, CALENDAR_FIELDS))
    after_policies = {u: [m, w] for u, (m, w) in policies.items()}
    for urgency in sorted(set(before_policies) | set(after_policies)):
        if before_policies.get(urgency) != after_policies.get(urgency):
            changes[f"policy.{urgency}"] = [
                before_policies.get(urgency),
                after_policies.get(urgency),
            ]
    if changes:
        audit_log(action="intake.calendar.updated", actor=actor, center=center, changes=changes)
    deadlines.reset_cache()  # this process at once; the other workers within CONFIG_TTL


@transaction.atomic
def center_closure_add(*, actor: User, center: Center, date: dt.date, reason: str) -> CenterClosure:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the center is closed that day.")]})
    if CenterClosure.objects.filter(center=center, date=date).exists():
        raise ValidationError({"date": [_("That day is already a closure day.")]})
    closure = CenterClosure.objects.create(center=center, date=date, reason=reason[:200])
    audit_log(
        action="intake.closure.added",
        actor=actor,
        obj=closure,
        center=center,
        data={"date": date.isoformat(), "reason": closure.reason},
    )
    deadlines.reset_cache()
    return closure


@transaction.atomic
def center_closure_remove(*, actor: User, closure: CenterClosure) -> None:
    center = closure.center
    data = {"date": closure.date.isoformat(), "reason": closure.reason}
    audit_log(action="intake.closure.removed", actor=actor, obj=closure, center=center, data=data)
    closure.delete()
    deadlines.reset_cache()
