from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from onestop.intake import deadlines
from onestop.intake.models import CenterClosure, CenterHours, ResponsePolicy
from tests.conftest import World

BKK = zoneinfo.ZoneInfo("Asia/Bangkok")


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=BKK)


def test_defaults_most_urgent_one_hour_urgent_one_day(world: World) -> None:
    received = at(2025, 3, 12, 10)  # a Wednesday
    assert deadlines.first_contact_due(
        world.center_a, "most_urgent", received
    ) == received + dt.timedelta(hours=1)
    assert deadlines.first_contact_due(
        world.center_a, "urgent", received
    ) == received + dt.timedelta(hours=24)


def test_normal_is_due_by_the_end_of_the_working_day(world: World) -> None:
    assert deadlines.first_contact_due(world.center_a, "normal", at(2025, 3, 12, 10)) == at(
        2025, 3, 12, 16, 30
    )


def test_after_closing_normal_is_due_the_next_working_day(world: World) -> None:
    # Friday evening → Monday's close.
    assert deadlines.first_contact_due(world.center_a, "normal", at(2025, 3, 14, 19)) == at(
        2025, 3, 17, 16, 30
    )


def test_thai_public_holidays_are_not_working_days(world: World) -> None:
    # Songkran is 13-15 April 2025; the 13th fell on a Sunday, so the 16th is a day in lieu.
    assert deadlines.first_contact_due(world.center_a, "normal", at(2025, 4, 11, 18)) == at(
        2025, 4, 17, 16, 30
    )


def test_a_center_can_add_its_own_closure_days(world: World) -> None:
    CenterClosure.objects.create(
        center=world.center_a, date=dt.date(2025, 3, 13), reason="วันสถาปนามหาวิทยาลัย"
    )
    assert deadlines.first_contact_due(world.center_a, "normal", at(2025, 3, 12, 18)) == at(
        2025, 3, 14, 16, 30
    )


def test_policies_are_per_center_and_can_count_working_time_only(world: World) -> None:
    ResponsePolicy.objects.create(
        center=world.center_a, urgency="urgent", minutes=120, working_time_only=True
    )
    # 15:30 Wednesday + 2 working hours = 1 hour today + 1 hour from Thursday 08:30.
    assert deadlines.first_contact_due(world.center_a, "urgent", at(2025, 3, 12, 15, 30)) == at(
        2025, 3, 13, 9, 30
    )
    # The other center keeps the defaults.
    received = at(2025, 3, 12, 15, 30)
    assert deadlines.first_contact_due(
        world.center_b, "urgent", received
    ) == received + dt.timedelta(hours=24)


def test_office_hours_are_configurable(world: World) -> None:
    CenterHours.objects.create(
        center=world.center_a, opens=dt.time(9), closes=dt.time(18), workdays="123456"
    )
    assert deadlines.first_contact_due(world.center_a, "normal", at(2025, 3, 15, 10)) == at(
        2025, 3, 15, 18
    )  # Saturday


@pytest.mark.parametrize(
    ("when", "after"),
    [
        (at(2025, 3, 12, 10), False),
        (at(2025, 3, 12, 20), True),
        (at(2025, 3, 15, 10), True),
        (at(2025, 4, 14, 10), True),
    ],
)
def test_after_hours(world: World, when: dt.datetime, after: bool) -> None:
    assert deadlines.is_after_hours(world.center_a, when) is after


def test_a_24_hour_center_is_never_after_hours(world: World) -> None:
    world.center_a.staffed_24h = True
    world.center_a.save(update_fields=["staffed_24h"])
    assert deadlines.is_after_hours(world.center_a, at(2025, 4, 14, 3)) is False
