"""Response deadlines in the center's working time.

Working time is the center's office hours on its working days, minus Thai public holidays (the
`holidays` package) and the days the center adds itself. Defaults, per domain.md §2 and changeable
per center (ResponsePolicy): most urgent, first human contact within 1 hour around the clock;
urgent, within 24 hours; normal, by the end of the working day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.utils import timezone

from onestop.centers.models import Center
from onestop.intake.models import CenterClosure, CenterHours, ResponsePolicy, Urgency

DEFAULT_MINUTES: dict[str, int | None] = {
    Urgency.MOST_URGENT: 60,
    Urgency.URGENT: 24 * 60,
    Urgency.NORMAL: None,  # end of the working day
}
MAX_DAYS_AHEAD = 60  # a calendar with no working day in two months is a configuration error


@lru_cache(maxsize=16)
def _thai_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("TH", years=year).keys())


@dataclass
class Calendar:
    opens: dt.time
    closes: dt.time
    workdays: set[int]
    closures: set[dt.date]
    staffed_24h: bool

    @classmethod
    def for_center(cls, center: Center) -> Calendar:
        hours = CenterHours.objects.filter(center=center).first() or CenterHours(center=center)
        closures = set(CenterClosure.objects.filter(center=center).values_list("date", flat=True))
        return cls(
            opens=hours.opens,
            closes=hours.closes,
            workdays={int(d) for d in hours.workdays if d.isdigit()},
            closures=closures,
            staffed_24h=center.staffed_24h,
        )

    def is_working_day(self, day: dt.date) -> bool:
        return (
            day.isoweekday() in self.workdays
            and day not in self.closures
            and day not in _thai_holidays(day.year)
        )

    def is_working_time(self, at: dt.datetime) -> bool:
        if self.staffed_24h:
            return True
        local = timezone.localtime(at)
        return self.is_working_day(local.date()) and self.opens <= local.time() < self.closes

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, time))

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """The start of the next working period at or after ``at``."""
        local = timezone.localtime(at)
        day = local.date()
        for _ in range(MAX_DAYS_AHEAD):
            if self.is_working_day(day):
                start = self._at(day, self.opens)
                if local < self._at(day, self.closes):
                    return max(start, at)
            day += dt.timedelta(days=1)
        raise ValueError("no working day within 60 days: check the center's calendar")

    def end_of_working_day(self, at: dt.datetime) -> dt.datetime:
        opening = self.next_opening(at)
        return self._at(timezone.localtime(opening).date(), self.closes)

    def add_working_minutes(self, at: dt.datetime, minutes: int) -> dt.datetime:
        remaining = dt.timedelta(minutes=minutes)
        cursor = self.next_opening(at)
        while True:
            close = self._at(timezone.localtime(cursor).date(), self.closes)
            if cursor + remaining <= close:
                return cursor + remaining
            remaining -= close - cursor
            cursor = self.next_opening(close + dt.timedelta(seconds=1))


def first_contact_due(center: Center, urgency: str, received: dt.datetime) -> dt.datetime:
    policy = ResponsePolicy.objects.filter(center=center, urgency=urgency).first()
    minutes = policy.minutes if policy else DEFAULT_MINUTES[urgency]
    working_only = policy.working_time_only if policy else False
    calendar = Calendar.for_center(center)
    if minutes is None:
        if calendar.staffed_24h:
            return received + dt.timedelta(hours=8)
        return calendar.end_of_working_day(received)
    if working_only and not calendar.staffed_24h:
        return calendar.add_working_minutes(received, minutes)
    return received + dt.timedelta(minutes=minutes)


def is_after_hours(center: Center, at: dt.datetime) -> bool:
    return not Calendar.for_center(center).is_working_time(at)
