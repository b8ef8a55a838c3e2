"""The intake queue: open requests, most urgent first, then oldest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from onestop.intake.models import HelpRequest, Urgency


@dataclass
class Timer:
    minutes: int
    overdue: bool
    css: str


def open_requests(qs: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    rank = Case(
        When(urgency=Urgency.MOST_URGENT, then=Value(0)),
        When(urgency=Urgency.URGENT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        qs.filter(status__in=[HelpRequest.Status.RECEIVED, HelpRequest.Status.IN_REVIEW])
        .annotate(urgency_rank=rank)
        .order_by("urgency_rank", "received_at")
    )


def timer(request: HelpRequest, now: dt.datetime) -> Timer | None:
    if request.first_contact_at is not None or request.first_contact_due is None:
        return None
    delta = request.first_contact_due - now
    minutes = int(delta.total_seconds() // 60)
    if minutes < 0:
        return Timer(-minutes, True, "overdue")
    return Timer(minutes, False, "soon" if minutes < 30 else "ok")
