"""The coordinator's dashboard: one function, a few aggregate queries, no per-row work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from onestop.accounts.models import User
from onestop.volunteers import access
from onestop.volunteers.models import Card, HoursEntry, Visit, Volunteer


def coordinator(user: User, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    volunteers = access.volunteers_for_user(user)
    active = volunteers.filter(status=Volunteer.Status.ACTIVE)
    by_area = (
        active.values(
            "area_subdistrict__district__name_th",
            "area_subdistrict__name_th",
        )
        .annotate(n=Count("id"))
        .order_by("area_subdistrict__district__name_th", "area_subdistrict__name_th")
    )
    by_district: dict[str, int] = {}
    for row in by_area:
        name = row["area_subdistrict__district__name_th"]
        by_district[name] = by_district.get(name, 0) + row["n"]
    visits = Visit.objects.filter(volunteer__in=volunteers) | Visit.objects.filter(
        center_id__in=volunteers.values("center_id"), volunteer__isnull=True
    )
    overdue = (
        visits.filter(due__lt=today, status__in=(Visit.Status.REQUESTED, *Visit.OPEN))
        .select_related("volunteer", "case", "subdistrict")
        .order_by("due")
    )
    points = [
        {
            "lat": float(v.check_in_lat or v.lat),  # type: ignore[arg-type]
            "lng": float(v.check_in_lng or v.lng),  # type: ignore[arg-type]
            "status": v.get_status_display(),
            "due": v.due.isoformat(),
            "urgent": v.urgent,
        }
        for v in visits.exclude(lat__isnull=True).order_by("-due")[:500]
    ]
    month_start = today.replace(day=1)
    hours_month = HoursEntry.objects.filter(
        volunteer__in=volunteers,
        status=HoursEntry.Status.APPROVED,
        day__gte=month_start,
        day__lte=today,
    ).aggregate(t=Sum("hours"))["t"] or Decimal(0)
    expiring = (
        Card.objects.filter(
            volunteer__in=active,
            status=Card.Status.ACTIVE,
            expires_on__gte=today,
            expires_on__lte=today + dt.timedelta(days=30),
        )
        .select_related("volunteer")
        .order_by("expires_on")
    )
    return {
        "active_total": active.count(),
        "by_district": sorted(by_district.items()),
        "by_subdistrict": list(by_area),
        "waiting": volunteers.filter(status__in=Volunteer.IN_REVIEW).count(),
        "expiring": expiring,
        "overdue": overdue,
        "points": points,
        "hours_month": hours_month,
        "pending_hours": HoursEntry.objects.filter(
            volunteer__in=volunteers, status=HoursEntry.Status.PENDING
        ).count(),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "today": today,
    }
