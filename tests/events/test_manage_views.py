"""/events/manage/...: creating events and exporting the attendance list."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from onestop.audit.models import AuditEntry
from onestop.events import services
from onestop.events.models import Event
from onestop.thai.dates import be_year
from tests.conftest import World
from tests.events.conftest import person


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def test_a_coordinator_publishes_an_event(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {
        "title": "เวทีเสวนาคนพิการกับการมีงานทำ",
        "kind": "forum",
        "day": _be(day),
        "starts": "09:00",
        "ends": "12:00",
        "place": "ห้องประชุม",
        "capacity": "50",
        "organiser": "ศูนย์ช่วยเหลือสังคม",
    }
    response = client.post("/events/manage/new/", data)
    event = Event.objects.get()
    assert response.status_code == 302 and event.capacity == 50
    assert timezone.localtime(event.starts_at).hour == 9
    for bad in ({"ends": "08:00"}, {"capacity": "0"}, {"place": ""}, {"day": "31/02/2569"}):
        assert client.post("/events/manage/new/", {**data, **bad}).status_code == 400, bad
    assert Event.objects.count() == 1


def test_the_attendance_list_exports_safely(client_for, world: World, event: Event) -> None:  # type: ignore[no-untyped-def]
    services.register(
        event=event, data=person(1, name='=HYPERLINK("http://evil")', organisation="+66 ทดสอบ")
    )
    client = client_for("coordinator")
    response = client.get(f"/events/manage/{event.pk}/attendance.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "name" and rows[1][0].startswith("'=") and rows[1][1].startswith("'+")
    xlsx = client.get(f"/events/manage/{event.pk}/attendance.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(2, 1).value.startswith("'=")
    assert client.get(f"/events/manage/{event.pk}/attendance.pdf").status_code == 404
    assert AuditEntry.objects.filter(action="events.attendance.exported").count() == 2
