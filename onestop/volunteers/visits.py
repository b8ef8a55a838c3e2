"""Home visits: a worker asks, the system suggests volunteers, one is offered the visit, they
accept or decline on their phone, check in on site, report and check out. The report lands on
the case's timeline; an urgent flag tells the worker at once.

    requested → offered → accepted → checked_in → reported      (declined → requested again)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.cases.access import CaseAccess
from onestop.cases.models import CaseClient, CaseEvent
from onestop.geo.models import Subdistrict
from onestop.intake.photos import clean_photo
from onestop.notifications.services import notify
from onestop.volunteers.choices import SKILL_LABELS
from onestop.volunteers.models import HoursEntry, Visit, VisitPhoto, Volunteer

S = Visit.Status
MAX_CHECKLIST = 12
MAX_PHOTOS = 3


def _case_event(visit: Visit, actor: User | None, text: str) -> None:
    CaseEvent.objects.create(
        case_id=visit.case_id,
        kind=CaseEvent.Kind.VISIT,
        actor=actor,
        at=timezone.now(),
        reason=text[:500],
    )


def visit_request(
    *,
    actor: User,
    access: CaseAccess,
    client: CaseClient,
    address_text: str,
    subdistrict_code: str,
    checklist: Sequence[str],
    due: dt.date,
    skills_needed: Sequence[str] = (),
    language: str = "",
    share_phone: bool = False,
    lat: Decimal | None = None,
    lng: Decimal | None = None,
) -> Visit:
    if not actor.can("can_manage_case") or not access.full:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if client.case_id != access.case.pk:
        errors["client"] = [_("Choose a client of this case.")]
    elif not client.visit_safe or client.do_not_contact:
        errors["client"] = [_("The case says a home visit is not safe for this client.")]
    items = [i.strip()[:200] for i in checklist if i.strip()]
    if not items:
        errors["checklist"] = [_("Say what the volunteer should check.")]
    elif len(items) > MAX_CHECKLIST:
        errors["checklist"] = [_("Keep it to %(n)s points.") % {"n": MAX_CHECKLIST}]
    if not address_text.strip():
        errors["address_text"] = [_("This field is required.")]
    sub = Subdistrict.objects.filter(code=subdistrict_code).first()
    if sub is None:
        errors["subdistrict"] = [_("Choose a sub-district from the list.")]
    if due < timezone.localdate():
        errors["due"] = [_("The date must not be in the past.")]
    if set(skills_needed) - set(SKILL_LABELS):
        errors["skills_needed"] = [_("Choose from the listed values.")]
    if (lat is None) != (lng is None):
        errors["lat"] = [_("Send both latitude and longitude, or neither.")]
    if errors:
        raise ValidationError(errors)
    assert sub is not None
    phone = ""
    if share_phone and client.safe_phone_id:
        phone = client.safe_phone.number if client.safe_phone else ""
    with transaction.atomic():
        visit = Visit.objects.create(
            center=access.case.center,
            case=access.case,
            client=client,
            requested_by=actor,
            client_first_name=client.person.given_name,
            client_phone=phone,
            address_text=address_text.strip()[:300],
            subdistrict=sub,
            lat=lat,
            lng=lng,
            checklist=items,
            skills_needed=sorted(set(skills_needed)),
            language=language[:10],
            due=due,
        )
        _case_event(visit, actor, _("Home visit requested, by %(due)s") % {"due": due.isoformat()})
        audit_log(
            action="volunteers.visit.requested",
            actor=actor,
            obj=visit,
            data={"case": access.case.number, "shares_phone": bool(phone)},
        )
    return visit


# Suggestions ------------------------------------------------------------------------------


def km_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine), good to a few metres at Thai scales."""
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@dataclass
class Suggestion:
    volunteer: Volunteer
    closeness: str  # subdistrict, district, province, elsewhere
    km: float | None
    skills: list[str]
    speaks: bool
    load: int
    available: bool
    score: float

    def reasons(self) -> list[str]:
        out = [
            {
                "subdistrict": _("Serves the same sub-district"),
                "district": _("Serves the same district"),
                "province": _("Serves the same province"),
            }.get(self.closeness, _("Serves another province"))
        ]
        if self.km is not None:
            out.append(_("%(km)s km away") % {"km": f"{self.km:.1f}"})
        if self.skills:
            out.append(
                _("Has: %(skills)s")
                % {"skills": ", ".join(str(SKILL_LABELS[s]) for s in self.skills)}
            )
        if self.speaks:
            out.append(_("Speaks the language needed"))
        out.append(_("%(n)s open visits") % {"n": self.load})
        if self.available:
            out.append(_("Usually free on that day"))
        return out


DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def suggest(visit: Visit, limit: int = 10) -> list[Suggestion]:
    """Active volunteers of the center who can sign in, best first: closeness (same
    sub-district, then district, then province; straight-line distance where both sides have
    coordinates), skills, language, current load and usual availability. A volunteer who
    already holds an open visit due the same day is left out: never double-booked."""
    sub = visit.subdistrict
    busy_same_day = Visit.objects.filter(status__in=Visit.OPEN, due=visit.due).exclude(pk=visit.pk)
    candidates = (
        Volunteer.objects.filter(
            center_id=visit.center_id, status=Volunteer.Status.ACTIVE, user__isnull=False
        )
        .exclude(pk__in=busy_same_day.values("volunteer_id"))
        .exclude(pk__in=[int(pk) for pk in visit.declined_by])
        .select_related("area_subdistrict__district", "type")  # the reasons name the type
        .annotate(load=Count("visits", filter=Q(visits__status__in=Visit.OPEN)))
    )
    day = DAY_CODES[visit.due.weekday()]
    out = []
    for v in candidates:
        area = v.area_subdistrict
        if area.code == sub.code:
            closeness, points = "subdistrict", 30.0
        elif area.district_id == sub.district_id:
            closeness, points = "district", 20.0
        elif area.district.province_id == sub.district.province_id:
            closeness, points = "province", 10.0
        else:
            closeness, points = "elsewhere", 0.0
        km = None
        if None not in (v.lat, v.lng, visit.lat, visit.lng):
            km = km_between(float(v.lat), float(v.lng), float(visit.lat), float(visit.lng))  # type: ignore[arg-type]
            points += max(0.0, 10.0 - km)  # up to 10 more for being within 10 km
        skills = [s for s in visit.skills_needed if s in v.skills]
        points += 5.0 * len(skills)
        speaks = bool(visit.language) and visit.language in v.languages
        points += 5.0 if speaks else 0.0
        available = day in v.availability
        points += 3.0 if available else 0.0
        load = int(v.load)
        points -= 4.0 * load
        out.append(Suggestion(v, closeness, km, skills, speaks, load, available, points))
    out.sort(key=lambda s: (-s.score, s.volunteer.pk))
    return out[:limit]


def visit_offer(*, actor: User, visit: Visit, volunteer: Volunteer) -> Visit:
    """Give the visit to one volunteer. Refused when it is already someone's, or when they
    hold another open visit that day."""
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.status != S.REQUESTED:
            raise ValidationError(_("This visit is already assigned to a volunteer."))
        if volunteer.center_id != locked.center_id or volunteer.status != Volunteer.Status.ACTIVE:
            raise ValidationError(_("Choose an active volunteer of this center."))
        if volunteer.user_id is None:
            raise ValidationError(_("This volunteer has no sign-in account to receive visits."))
        if Visit.objects.filter(
            volunteer=volunteer, status__in=Visit.OPEN, due=locked.due
        ).exists():
            raise ValidationError(_("This volunteer already has a visit that day."))
        locked.volunteer = volunteer
        locked.status = S.OFFERED
        locked.offered_at = timezone.now()
        locked.save(update_fields=["volunteer", "status", "offered_at", "updated"])
        audit_log(
            action="volunteers.visit.offered",
            actor=actor,
            obj=locked,
            data={"volunteer": volunteer.pk},
        )
        assert volunteer.user is not None
        notify(
            users=[volunteer.user],
            text=_("A home visit is waiting for your answer, by %(due)s.")
            % {"due": locked.due.isoformat()},
            link=f"/my/visits/{locked.pk}/",
        )
    return locked


def visit_answer(*, actor: User, visit: Visit, accept: bool, reason: str = "") -> Visit:
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.status != S.OFFERED:
            raise ValidationError(_("This visit is not waiting for your answer."))
        if accept:
            locked.status = S.ACCEPTED
            locked.accepted_at = timezone.now()
            text = _("Home visit accepted by the volunteer")
        else:
            locked.status = S.REQUESTED
            locked.decline_reason = reason.strip()[:300]
            text = _("The volunteer declined the home visit: %(r)s") % {
                "r": locked.decline_reason or "—"
            }
            # Not offered to them again.
            locked.declined_by = [*locked.declined_by, locked.volunteer_id]
            locked.volunteer = None
            locked.offered_at = None
        locked.save()
        _case_event(locked, actor, text)
        audit_log(
            action="volunteers.visit.accepted" if accept else "volunteers.visit.declined",
            actor=actor,
            obj=locked,
            data={"reason": reason} if reason else {},
        )
        notify(
            users=[locked.requested_by],
            text=text,
            link=f"/cases/{locked.case.number}/visits/{locked.pk}/",
        )
    return locked


def visit_check_in(
    *,
    actor: User,
    visit: Visit,
    lat: Decimal | None,
    lng: Decimal | None,
    at: dt.datetime | None = None,
) -> Visit:
    """Time and place of arrival. Far from the address is flagged, never blocked: the family
    may have moved, or the phone's location may be poor."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.status == S.CHECKED_IN or locked.status == S.REPORTED:
            return locked  # a resend from an offline phone
        if locked.status != S.ACCEPTED:
            raise ValidationError(_("Accept the visit before checking in."))
        locked.status = S.CHECKED_IN
        locked.checked_in_at = at
        if lat is not None and lng is not None:
            locked.check_in_lat, locked.check_in_lng = lat, lng
            if locked.lat is not None and locked.lng is not None:
                km = km_between(float(lat), float(lng), float(locked.lat), float(locked.lng))
                locked.check_in_km = Decimal(f"{km:.2f}")
                locked.far_from_address = km > settings.VISIT_CHECKIN_FLAG_KM
        locked.save()
        audit_log(
            action="volunteers.visit.checked_in",
            actor=actor,
            obj=locked,
            data={"far": locked.far_from_address, "km": str(locked.check_in_km or "")},
        )
    return locked


def visit_report(
    *,
    actor: User,
    visit: Visit,
    answers: Sequence[str],
    report: str,
    urgent: bool,
    photos: Sequence[Any] = (),
    submit_id: str = "",
    at: dt.datetime | None = None,
) -> Visit:
    """Observations against the checklist, photos, the urgent flag, and check-out. Writes the
    report on the case's timeline and logs the visit's hours."""
    at = at or timezone.now()
    errors: dict[str, list[str]] = {}
    if len(report) > 5000:
        errors["report"] = [_("Please keep it under %(n)s characters.") % {"n": 5000}]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("Send at most %(n)s photos.") % {"n": MAX_PHOTOS}]
    cleaned = []
    for upload in photos[:MAX_PHOTOS]:
        try:
            cleaned.append(clean_photo(upload))
        except ValidationError as exc:
            errors.setdefault("photos", []).append(exc.messages[0])
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = (
            Visit.objects.select_for_update(of=("self",))  # the volunteer join is outer
            .select_related("case", "volunteer")
            .get(pk=visit.pk)
        )
        if submit_id and locked.client_submit_id == submit_id:
            return locked  # the same report sent twice by a phone that lost its connection
        if locked.status == S.ACCEPTED:
            # Checked in and reported in one go (the phone had no signal at the door).
            locked.checked_in_at = at
        elif locked.status != S.CHECKED_IN:
            raise ValidationError(_("This visit is not open for a report."))
        observations = [
            {"item": item, "answer": (answers[i] if i < len(answers) else "").strip()[:500]}
            for i, item in enumerate(locked.checklist)
        ]
        locked.observations = observations
        locked.report = report.strip()
        locked.urgent = urgent
        locked.checked_out_at = max(at, locked.checked_in_at or at)
        locked.status = S.REPORTED
        locked.client_submit_id = submit_id[:64]
        locked.save()
        for photo in cleaned:
            VisitPhoto.objects.create(
                visit=locked, image=photo.content.read(), content_type=photo.content_type
            )
        summary = "; ".join(f"{o['item']}: {o['answer'] or '—'}" for o in observations)
        text = (_("URGENT. ") if urgent else "") + _(
            "Home visit report: %(summary)s. %(report)s"
        ) % {
            "summary": summary,
            "report": locked.report,
        }
        _case_event(locked, actor, text)
        assert locked.volunteer is not None and locked.checked_in_at is not None
        _log_visit_hours(locked)
        audit_log(
            action="volunteers.visit.reported",
            actor=actor,
            obj=locked,
            data={"urgent": urgent, "photos": len(cleaned)},
        )
        workers = {locked.requested_by}
        if locked.case.worker_id:
            workers.add(locked.case.worker)  # type: ignore[arg-type]
        notify(
            users=workers,
            text=(
                _("URGENT home visit report on %(n)s")
                if urgent
                else _("Home visit report on %(n)s")
            )
            % {"n": locked.case.number},
            link=f"/cases/{locked.case.number}/",
            email_subject=_("Urgent home visit report") if urgent else "",
        )
    return locked


def _log_visit_hours(visit: Visit) -> None:
    assert visit.volunteer is not None and visit.checked_in_at and visit.checked_out_at
    minutes = (visit.checked_out_at - visit.checked_in_at).total_seconds() / 60
    # Time on site in quarter hours, and at least one hour a visit: the way there and the
    # write-up are part of the work (the center's hours rules, domain notes §6).
    hours = max(Decimal(1), Decimal(math.ceil(minutes / 15)) / 4)
    HoursEntry.objects.create(
        volunteer=visit.volunteer,
        day=timezone.localtime(visit.checked_in_at).date(),
        hours=min(hours, Decimal(12)),
        activity=_("Home visit, case %(n)s") % {"n": visit.case.number},
        source=HoursEntry.Source.VISIT,
        status=HoursEntry.Status.APPROVED,
        visit=visit,
    )
