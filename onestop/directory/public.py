"""The public face of the services directory at /services/: what the public may see (active
services; a shelter's address never), searched in Thai by problem, by area and "open now"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from onestop.directory.models import Schedule, Service, ServiceArea, TaxonomyTerm

PUBLIC_STATUSES = [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED]


@dataclass
class Filters:
    q: str = ""
    problem: str = ""  # a problem term code (its children included)
    province: str = ""  # a province code
    open_now: bool = False


def open_now_q(at: dt.datetime) -> Q:
    """Services whose own hours, or the hours of one of their locations, include ``at``."""
    local = timezone.localtime(at)
    day = Schedule.DAYS[local.weekday()]
    today, now = local.date(), local.time()
    hours = (
        Q(byday__contains=day, opens_at__lte=now, closes_at__gt=now)
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    )
    own = Schedule.objects.filter(hours, service=OuterRef("pk"))
    at_location = Schedule.objects.filter(
        hours, location__service_at_locations__service=OuterRef("pk")
    )
    return Q(Exists(own)) | Q(Exists(at_location))


def public_services(filters: Filters, at: dt.datetime | None = None) -> QuerySet[Service]:
    qs = (
        Service.objects.filter(status__in=PUBLIC_STATUSES, organization__is_active=True)
        .select_related("organization")
        .order_by("name_th")
    )
    if filters.q:
        q = filters.q.strip()
        qs = qs.filter(
            Q(name_th__icontains=q)
            | Q(name_en__icontains=q)
            | Q(description__icontains=q)
            | Q(eligibility_description__icontains=q)
            | Q(organization__name_th__icontains=q)
        )
    if filters.problem:
        codes = TaxonomyTerm.objects.filter(
            Q(code=filters.problem) | Q(parent__code=filters.problem),
            taxonomy=TaxonomyTerm.Taxonomy.PROBLEM,
        )
        qs = qs.filter(terms__in=codes).distinct()
    if filters.province:
        # A service with no area serves everyone.
        in_area = ServiceArea.objects.filter(service=OuterRef("pk")).filter(
            Q(province_id=filters.province)
            | Q(district__province_id=filters.province)
            | Q(subdistrict__district__province_id=filters.province)
        )
        any_area = ServiceArea.objects.filter(service=OuterRef("pk"))
        qs = qs.filter(Q(Exists(in_area)) | ~Q(Exists(any_area)))
    if filters.open_now:
        qs = qs.filter(open_now_q(at or timezone.now()))
    return qs


def is_open(service: Service, at: dt.datetime) -> bool:
    return any(s.open_at(at) for s in service.schedules.all()) or any(
        s.open_at(at)
        for sal in service.service_at_locations.all()
        for s in sal.location.schedules.all()
    )


DAY_LABELS_TH = {
    "MO": "จ.",
    "TU": "อ.",
    "WE": "พ.",
    "TH": "พฤ.",
    "FR": "ศ.",
    "SA": "ส.",
    "SU": "อา.",
}
DAY_LABELS_EN = {
    "MO": "Mon",
    "TU": "Tue",
    "WE": "Wed",
    "TH": "Thu",
    "FR": "Fri",
    "SA": "Sat",
    "SU": "Sun",
}


def hours_text(schedule: Schedule, thai: bool) -> str:
    labels = DAY_LABELS_TH if thai else DAY_LABELS_EN
    days = schedule.byday.split(",")
    order = Schedule.DAYS
    if len(days) > 2 and [order.index(d) for d in days] == list(
        range(order.index(days[0]), order.index(days[-1]) + 1)
    ):
        day_text = f"{labels[days[0]]}–{labels[days[-1]]}"
    else:
        day_text = " ".join(labels[d] for d in days if d in labels)
    if schedule.opens_at == dt.time(0, 0) and schedule.closes_at >= dt.time(23, 59):
        return f"{day_text} " + ("ตลอด 24 ชั่วโมง" if thai else "24 hours")
    return f"{day_text} {schedule.opens_at:%H:%M}–{schedule.closes_at:%H:%M}" + (
        " น." if thai else ""
    )
