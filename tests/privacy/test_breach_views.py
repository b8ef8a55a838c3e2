"""/privacy/breaches/: recording an incident, its 72-hour clock, the timeline, and who may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.privacy import services
from onestop.privacy.models import Breach
from onestop.thai.dates import be_year
from tests.conftest import World, denied, sign_in


def _be(at: dt.datetime) -> dict[str, str]:
    local = timezone.localtime(at)
    return {
        "on": f"{local.day:02d}/{local.month:02d}/{be_year(local.year)}",
        "time": f"{local:%H:%M}",
    }


def _record(world: World, hours_ago: float = 1) -> Breach:
    return services.breach_record(
        actor=world["dpo"],
        title="ส่งอีเมลรายชื่อผู้รับบริการผิดคน",
        description="เจ้าหน้าที่ส่งไฟล์รายชื่อไปยังอีเมลภายนอก",
        aware_at=timezone.now() - dt.timedelta(hours=hours_ago),
    )


def test_record_assess_notify_and_close(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    client = client_for("dpo")
    aware = timezone.now() - dt.timedelta(hours=5)
    a = _be(aware)
    response = client.post(
        "/privacy/breaches/new/",
        {
            "title": "ส่งอีเมลรายชื่อผู้รับบริการผิดคน",
            "description": "เจ้าหน้าที่ส่งไฟล์รายชื่อไปยังอีเมลภายนอก",
            "aware_on": a["on"],
            "aware_time": a["time"],
            "people_affected": "40",
        },
    )
    breach = Breach.objects.get()
    assert response.status_code == 302 and breach.center == world.center_a
    assert abs((breach.pdpc_due - breach.aware_at).total_seconds() - 72 * 3600) < 1
    page = client.get("/privacy/breaches/").content.decode()
    assert "data-clock-breached" not in page and "data-open-count>1<" in page.replace("\n", "")
    client.post(
        f"/privacy/breaches/{breach.pk}/assess/", {"risk": "high", "risk_reason": "มีเลขบัตรประชาชน"}
    )
    assert client.post(f"/privacy/breaches/{breach.pk}/close/").status_code == 302
    breach.refresh_from_db()
    assert breach.status == "open"  # not yet: nobody was told
    now = _be(timezone.now())
    client.post(
        f"/privacy/breaches/{breach.pk}/notified/", {"whom": "pdpc", **now, "reference": "PDPC-1"}
    )
    client.post(f"/privacy/breaches/{breach.pk}/notified/", {"whom": "subjects", **now})
    client.post(f"/privacy/breaches/{breach.pk}/note/", {"text": "ขอให้ผู้รับลบอีเมลแล้ว"})
    client.post(f"/privacy/breaches/{breach.pk}/close/")
    breach.refresh_from_db()
    assert breach.status == "closed" and breach.pdpc_reference == "PDPC-1"
    assert list(breach.events.values_list("kind", flat=True)) == [
        "recorded",
        "assessed",
        "notified_pdpc",
        "notified_subjects",
        "note",
        "closed",
    ]
    actions = set(
        AuditEntry.objects.filter(action__startswith="privacy.").values_list("action", flat=True)
    )
    assert {
        "privacy.breach.recorded",
        "privacy.breach.assessed",
        "privacy.breach.closed",
    } <= actions


def test_the_clock_breaches_after_72_hours(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    late = _record(world, hours_ago=80)
    _record(world, hours_ago=2)
    assert late.clock_breached
    page = client_for("dpo").get("/privacy/breaches/").content.decode()
    assert page.count("data-clock-breached") == 1
    board = client_for("dpo").get("/reports/").content.decode()
    assert "data-open>2<" in board and 'data-late class="error">1<' in board
    # Notifying now needs the reason it is late.
    response = client_for("dpo").post(
        f"/privacy/breaches/{late.pk}/notified/", {"whom": "pdpc", **_be(timezone.now())}
    )
    late.refresh_from_db()
    assert response.status_code == 302 and late.notified_pdpc_at is None
    client_for("dpo").post(
        f"/privacy/breaches/{late.pk}/notified/",
        {"whom": "pdpc", **_be(timezone.now()), "late_reason": "รอข้อมูลจากผู้ให้บริการอีเมล"},
    )
    late.refresh_from_db()
    assert late.notified_pdpc_at is not None and late.clock_breached  # told, but late


def test_no_clock_when_there_is_no_risk(world: World) -> None:
    b = _record(world, hours_ago=100)
    services.breach_assess(actor=world["dpo"], breach=b, risk="none", risk_reason="ไฟล์เข้ารหัสแล้ว")
    assert not b.clock_breached
    services.breach_close(actor=world["dpo"], breach=b)


@pytest.mark.parametrize(
    "data",
    [
        {"title": "x", "description": "y"},  # no awareness time
        {"title": "x", "description": "y", "aware_on": "31/02/2569"},
        {"title": "x", "description": "y", "aware_on": "01/01/2600"},  # the future
        {"title": "", "description": "", "aware_on": "01/01/2569"},
        {"title": "x", "description": "y", "aware_on": "01/01/2569", "occurred_on": "02/01/2569"},
        {"title": "x", "description": "y", "aware_on": "01/01/2569", "people_affected": "-3"},
    ],
)
def test_bad_records_are_explained(client_for, world: World, data: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    response = client_for("dpo").post("/privacy/breaches/new/", data)
    assert response.status_code == 400
    assert 'class="error' in response.content.decode()
    assert not Breach.objects.exists()


@pytest.mark.parametrize(
    "persona",
    [
        "intake",
        "socialworker",
        "supervisor",
        "centeradmin",
        "coordinator",
        "volunteer",
        "partner",
        "researcher",
    ],
)
def test_only_the_dpo_sees_the_register(client_for, world: World, persona: str) -> None:  # type: ignore[no-untyped-def]
    b = _record(world)
    client = client_for(persona)
    assert client.get("/privacy/breaches/").status_code == denied(persona)
    assert client.get(f"/privacy/breaches/{b.pk}/").status_code == denied(persona)
    assert client.post("/privacy/breaches/new/", {"title": "x"}).status_code == denied(persona)
    assert client.post(f"/privacy/breaches/{b.pk}/close/").status_code == denied(persona)
    assert 'data-panel="breaches"' not in (
        client.get("/reports/").content.decode()
        if persona in ("supervisor", "centeradmin", "researcher")
        else ""
    )


def test_another_centers_incident_is_404(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.conftest import make_user

    b = _record(world)
    other = Client()
    sign_in(other, make_user("b_dpo", world.center_b, ["dpo"]))
    assert other.get(f"/privacy/breaches/{b.pk}/").status_code == 404
    assert other.post(f"/privacy/breaches/{b.pk}/note/", {"text": "x"}).status_code == 404
    assert client_for("dpo").post(f"/privacy/breaches/{b.pk}/nonsense/").status_code == 404
