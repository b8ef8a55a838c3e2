"""Response deadlines in the center's working time.

Working time is the center's office hours on its working days, minus Thai public holidays (the
`holidays` package) and the days the center adds itself. Defaults, per domain.md §2 and changeable
per center (ResponsePolicy): most urgent, first human contact within 1 hour around the clock;
urgent, within 24 hours; normal, by the end of the working day.
"""

from __future__ import annotations

import datetime as dt
import time
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


CONFIG_TTL = 30.0  # seconds a change of hours, closures or policies takes to reach every worker


@dataclass(frozen=True)
class _Config:
    opens: dt.time
    closes: dt.time
    workdays: set[int]
    closures: set[dt.date]
    policies: dict[str, tuple[int | None, bool]]


_config_cache: dict[int, tuple[float, _Config]] = {}


def _center_config(center_id: int) -> _Config:
    """A center's office hours, closures and response policies, cached per process: every
    public submit needs them and they change a few times a year."""
    cached = _config_cache.get(center_id)
    now = time.monotonic()
    if cached and now - cached[0] < CONFIG_TTL:
        return cached[1]
    hours = CenterHours.objects.filter(center_id=center_id).first() or CenterHours()
    config = _Config(
        opens=hours.opens,
        closes=hours.closes,
        workdays={int(d) for d in hours.workdays if d.isdigit()},
        closures=set(
            CenterClosure.objects.filter(center_id=center_id).values_list("date", flat=True)
        ),
        policies={
            p.urgency: (p.minutes, p.working_time_only)
            for p in ResponsePolicy.objects.filter(center_id=center_id)
        },
    )
    _config_cache[center_id] = (now, config)
    return config


def reset_cache() -> None:
    _config_cache.clear()


@dataclass
class Calendar:
    opens: dt.time
    closes: dt.time
    workdays: set[int]
    closures: set[dt.date]
    staffed_24h: bool

    @classmethod
    def for_center(cls, center: Center) -> Calendar:
        config = _center_config(center.pk)
        return cls(
            opens=config.opens,
            closes=config.closes,
            workdays=config.workdays,
            closures=config.closures,
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


def first_contact_due(
    center: Center, urgency: str, received: dt.datetime, calendar: Calendar | None = None
) -> dt.datetime:
    minutes, working_only = _center_config(center.pk).policies.get(
        urgency, (DEFAULT_MINUTES[urgency], False)
    )
    calendar = calendar or Calendar.for_center(center)
    if minutes is None:
        if calendar.staffed_24h:
            return received + dt.timedelta(hours=8)
        return calendar.end_of_working_day(received)
    if working_only and not calendar.staffed_24h:
        return calendar.add_working_minutes(received, minutes)
    return received + dt.timedelta(minutes=minutes)


def is_after_hours(center: Center, at: dt.datetime, calendar: Calendar | None = None) -> bool:
    return not (calendar or Calendar.for_center(center)).is_working_time(at)


def add_working_days(center: Center, at: dt.datetime, days: int) -> dt.datetime:
    """The end of the ``days``-th working day after ``at`` (referral answers, other partners'
    deadlines): today does not count."""
    calendar = Calendar.for_center(center)
    day = timezone.localtime(at).date()
    counted = 0
    for _ in range(MAX_DAYS_AHEAD):
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
            if counted == days:
                return calendar._at(day, calendar.closes)
    raise ValueError("no working day within 60 days: check the center's calendar")
