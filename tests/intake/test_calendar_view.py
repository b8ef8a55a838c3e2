"""The center calendar page: office hours, response times and closure days, per center."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.intake import deadlines
from onestop.intake.models import CenterClosure, CenterHours, ResponsePolicy
from tests.conftest import World, denied

BKK = zoneinfo.ZoneInfo("Asia/Bangkok")


def _hours(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "action": "hours",
        "opens": "09:00",
        "closes": "18:00",
        "workdays": ["1", "2", "3", "4", "5", "6"],
        "minutes_most_urgent": "30",
        "minutes_urgent": "240",
        "working_urgent": "on",
        "minutes_normal": "",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("persona", ["intake", "supervisor", "socialworker", "volunteer", "dpo"])
def test_other_roles_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/intake/calendar/").status_code == denied(persona)
    assert client.post("/intake/calendar/", _hours()).status_code == denied(persona)
    assert not CenterHours.objects.exists()


def test_it_shows_the_defaults(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for("centeradmin").get("/intake/calendar/").content.decode()
    assert 'value="08:30"' in body and 'value="16:30"' in body
    assert 'name="minutes_most_urgent" value="60"' in body


def test_saving_hours_and_policies_changes_deadlines_and_is_audited(
    world: World, client_for
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post("/intake/calendar/", _hours())
    assert response.status_code == 302
    hours = CenterHours.objects.get(center=world.center_a)
    assert (hours.opens, hours.closes, hours.workdays) == (dt.time(9), dt.time(18), "123456")
    urgent = ResponsePolicy.objects.get(center=world.center_a, urgency="urgent")
    assert (urgent.minutes, urgent.working_time_only) == (240, True)
    entry = AuditEntry.objects.get(action="intake.calendar.updated")
    assert entry.center == world.center_a
    assert entry.changes["closes"] == ["16:30:00", "18:00:00"]
    received = dt.datetime(2025, 3, 15, 10, tzinfo=BKK)  # a Saturday, now a working day
    assert deadlines.first_contact_due(
        world.center_a, "most_urgent", received
    ) == received + dt.timedelta(minutes=30)
    assert deadlines.first_contact_due(world.center_a, "normal", received) == dt.datetime(
        2025, 3, 15, 18, tzinfo=BKK
    )
    # The other center is untouched.
    assert not CenterHours.objects.filter(center=world.center_b).exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"closes": "08:00"}, "ต้องปิดหลังเวลาเปิด"),
        ({"workdays": []}, "จำเป็นต้องกรอก"),
        ({"minutes_urgent": "0"}, "1"),
        ({"minutes_urgent": "999999"}, "14"),
        ({"opens": "25:00"}, "เวลา"),
    ],
)
def test_bad_input_saves_nothing(world: World, client_for, over: dict, message: str) -> None:  # type: ignore[type-arg,no-untyped-def]
    response = client_for("centeradmin").post("/intake/calendar/", _hours(**over))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CenterHours.objects.exists()
    assert not ResponsePolicy.objects.exists()


def test_closure_days_are_added_in_be_and_removed(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    future = timezone.localdate() + dt.timedelta(days=30)
    be = f"{future.day}/{future.month}/{future.year + 543}"
    assert (
        client.post(
            "/intake/calendar/",
            {"action": "add_closure", "date": be, "reason": "วันสถาปนามหาวิทยาลัย"},
        ).status_code
        == 302
    )
    closure = CenterClosure.objects.get(center=world.center_a)
    assert closure.date == future
    assert str(future.year + 543) in client.get("/intake/calendar/").content.decode()
    again = client.post("/intake/calendar/", {"action": "add_closure", "date": be, "reason": "ซ้ำ"})
    assert again.status_code == 200
    assert CenterClosure.objects.count() == 1
    assert (
        client.post(
            "/intake/calendar/", {"action": "remove_closure", "closure": closure.pk}
        ).status_code
        == 302
    )
    assert not CenterClosure.objects.exists()
    assert AuditEntry.objects.filter(action="intake.closure.added").exists()
    assert AuditEntry.objects.filter(action="intake.closure.removed").exists()


def test_a_bad_date_gets_a_thai_message(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/intake/calendar/", {"action": "add_closure", "date": "31/02/2569", "reason": "x"}
    )
    assert response.status_code == 200
    assert "ไม่มีวันที่นี้ในปฏิทิน" in response.content.decode()


def test_another_centers_closure_cannot_be_removed(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    other = CenterClosure.objects.create(
        center=world.center_b, date=dt.date(2030, 1, 2), reason="ลำปาง"
    )
    assert (
        client_for("centeradmin")
        .post("/intake/calendar/", {"action": "remove_closure", "closure": other.pk})
        .status_code
        == 404
    )
    assert CenterClosure.objects.filter(pk=other.pk).exists()
