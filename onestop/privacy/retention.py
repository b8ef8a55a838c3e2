"""The retention schedule (PDPA s.37(3)): per center and kind of record, how long it is kept
after it stops being needed; what is past it is anonymised by ``apply_retention`` (nightly),
and a dry run lists it first.

- A client whose cases are all closed: the whole person, by ``erasure.anonymise_person``,
  once the last closure is older than the rule (the default is 10 years).
- A help request that never became a case: the reporter's and the subject's details and the
  description, and its photos.
- A rejected volunteer application: the applicant's personal data and photo.
- An event registration: the participant's name, email and phone.

What the figures count stays (categories, channels, dates, districts), as in erasure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.privacy.erasure import ERASED, anonymise_person, refusals
from onestop.privacy.models import RetentionRule

R = RetentionRule.Record
LIMIT = 500  # records per kind per run: a first run over years of data goes in nightly steps


def months(center_id: int) -> dict[str, int]:
    return RetentionRule.months_for(center_id)


def _before(now: dt.datetime, keep: int) -> dt.datetime:
    month = now.month - keep % 12
    year = now.year - keep // 12 - (1 if month <= 0 else 0)
    month = month + 12 if month <= 0 else month
    return now.replace(year=year, month=month, day=min(now.day, 28))


@dataclass
class Due:
    record: str
    items: list[tuple[int, str]] = field(default_factory=list)  # (pk, label)
    kept: list[str] = field(default_factory=list)  # why some could not go (erasure refusals)


def due(center_id: int, now: dt.datetime | None = None) -> list[Due]:
    """What is past its retention period now (the dry run)."""
    from onestop.cases.models import CaseClient, CaseStatus
    from onestop.events.models import Registration
    from onestop.intake.models import HelpRequest
    from onestop.persons.models import Person
    from onestop.volunteers.models import Volunteer

    now = now or timezone.now()
    keep = months(center_id)
    out = []

    cutoff = _before(now, keep[R.CLOSED_CASE])
    open_clients = CaseClient.objects.exclude(case__status=CaseStatus.CLOSED).values("person_id")
    persons = (
        Person.objects.filter(center_id=center_id, cases__isnull=False)
        .exclude(pk__in=open_clients)
        .exclude(given_name=ERASED)
        .annotate(last=Max("cases__case__closed_at"))
        .filter(last__lt=cutoff)
        .order_by("last")[:LIMIT]
    )
    out.append(Due(R.CLOSED_CASE, [(p.pk, p.code) for p in persons]))

    cutoff = _before(now, keep[R.REQUEST])
    requests = (
        HelpRequest.objects.filter(center_id=center_id, received_at__lt=cutoff, cases__isnull=True)
        .exclude(description=ERASED)
        .order_by("received_at")[:LIMIT]
    )
    out.append(Due(R.REQUEST, [(r.pk, r.reference) for r in requests]))

    cutoff = _before(now, keep[R.REJECTED_VOLUNTEER])
    volunteers = (
        Volunteer.objects.filter(
            center_id=center_id, status=Volunteer.Status.REJECTED, updated__lt=cutoff
        )
        .exclude(given_name=ERASED)
        .order_by("updated")[:LIMIT]
    )
    out.append(Due(R.REJECTED_VOLUNTEER, [(v.pk, str(v.pk)) for v in volunteers]))

    cutoff = _before(now, keep[R.EVENT_REGISTRATION])
    registrations = (
        Registration.objects.filter(event__center_id=center_id, event__ends_at__lt=cutoff)
        .exclude(name=ERASED)
        .order_by("event__ends_at")[:LIMIT]
    )
    out.append(Due(R.EVENT_REGISTRATION, [(r.pk, str(r.pk)) for r in registrations]))
    return out


def apply(
    center_id: int, *, actor: User | None = None, now: dt.datetime | None = None
) -> list[Due]:
    """Anonymise what is due; returns what was done (and, for persons, what was kept and why)."""
    from onestop.events.models import Registration
    from onestop.intake.models import HelpRequest, HelpRequestPhoto
    from onestop.persons.models import Person
    from onestop.volunteers.models import Volunteer

    now = now or timezone.now()
    done = []
    for item in due(center_id, now):
        result = Due(item.record)
        with transaction.atomic():
            if item.record == R.CLOSED_CASE:
                for pk, code in item.items:
                    person = Person.objects.select_related("center").get(pk=pk)
                    blocked = refusals(person, now)
                    if blocked:  # another case's own retention still runs
                        result.kept.append(f"{code}: {' '.join(blocked)}")
                        continue
                    anonymise_person(
                        actor=actor, person=person, reason=_("Retention schedule"), now=now
                    )
                    result.items.append((pk, code))
            elif item.record == R.REQUEST:
                pks = [pk for pk, _label in item.items]
                for photo in HelpRequestPhoto.objects.filter(request_id__in=pks):
                    photo.image.delete(save=False)
                    photo.delete()
                HelpRequest.objects.filter(pk__in=pks).update(
                    description=ERASED,
                    reporter_name="",
                    reporter_phone="",
                    reporter_line_id="",
                    line_user_id="",
                    subject_name="",
                    subject_description="",
                    address_text="",
                    lat=None,
                    lng=None,
                    outcome_reason="",
                    suggestion={},
                )
                result.items = item.items
            elif item.record == R.REJECTED_VOLUNTEER:
                Volunteer.objects.filter(pk__in=[pk for pk, _l in item.items]).update(
                    given_name=ERASED,
                    family_name="",
                    national_id="",
                    passport_number="",
                    phone="",
                    email="",
                    line_id="",
                    address_text="",
                    lat=None,
                    lng=None,
                    student_id="",
                    availability_note="",
                    emergency_name="",
                    emergency_phone="",
                    emergency_relation="",
                    photo=b"",
                    review_note="",
                )
                result.items = item.items
            else:
                Registration.objects.filter(pk__in=[pk for pk, _l in item.items]).update(
                    name=ERASED, email="", phone="", accessibility=""
                )
                result.items = item.items
            if result.items or result.kept:
                _log(actor, center_id, item.record, result)
        done.append(result)
    return done


def _log(actor: User | None, center_id: int, record: str, result: Due) -> Any:
    from onestop.centers.models import Center

    return audit_log(
        action="privacy.retention.applied",
        actor=actor,
        center=Center.objects.get(pk=center_id),
        actor_label="apply_retention",
        data={"record": record, "anonymised": len(result.items), "kept": result.kept[:50]},
    )
