"""Volunteer hours: /my/hours/ (self-report), /volunteers/hours/ (approve or decline),
certificates (/volunteers/<pk>/certificates/, the PDF, and /v/hours/<token>)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pypdfium2 as pdfium
import zxingcpp
from django.test import Client
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.thai.dates import be_year
from onestop.volunteers.models import HoursCertificate, HoursEntry, Volunteer
from tests.conftest import World, denied


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def _report(client: Client, day: dt.date, hours: str, activity: str = "ช่วยงานเวทีชุมชน"):  # type: ignore[no-untyped-def]
    return client.post("/my/hours/", {"day": _be(day), "hours": hours, "activity": activity})


def test_self_reported_hours_wait_for_a_coordinator(
    client_for, world: World, on_phone: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    volunteer_client = client_for("volunteer")
    assert _report(volunteer_client, yesterday, "3.5").status_code == 302
    entry = HoursEntry.objects.get()
    assert entry.status == "pending" and entry.source == "self" and entry.hours == Decimal("3.5")
    coordinator = client_for("coordinator")
    assert f'data-entry="{entry.pk}"' in coordinator.get("/volunteers/hours/").content.decode()
    coordinator.post(f"/volunteers/hours/{entry.pk}/decide/", {"approve": "0", "note": ""})
    entry.refresh_from_db()
    assert entry.status == "pending"  # declining needs a note
    coordinator.post(f"/volunteers/hours/{entry.pk}/decide/", {"approve": "1"})
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.decided_by == world["coordinator"]
    page = volunteer_client.get("/my/hours/").content.decode()
    assert f'data-month="{yesterday:%Y-%m}"' in page and "3.5" in page
    assert AuditEntry.objects.filter(action="volunteers.hours.approved").exists()


def test_more_than_24_hours_in_a_day_is_refused(
    client_for, world: World, on_phone: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() - dt.timedelta(days=2)
    client = client_for("volunteer")
    assert _report(client, day, "25").status_code == 400
    assert _report(client, day, "20").status_code == 302
    response = _report(client, day, "5")
    assert response.status_code == 400 and "24" in response.content.decode()
    assert HoursEntry.objects.count() == 1


def test_other_bad_hours_are_explained(client_for, world: World, on_phone: Volunteer) -> None:  # type: ignore[no-untyped-def]
    client = client_for("volunteer")
    future = timezone.localdate() + dt.timedelta(days=1)
    for day, hours, activity in (
        (future, "2", "x"),
        (timezone.localdate(), "0", "x"),
        (timezone.localdate(), "-3", "x"),
        (timezone.localdate(), "2", ""),
        (timezone.localdate() - dt.timedelta(days=400), "2", "x"),
    ):
        assert _report(client, day, hours, activity).status_code == 400, (day, hours)
    assert (
        client.post("/my/hours/", {"day": "31/02/2569", "hours": "2", "activity": "x"}).status_code
        == 400
    )
    assert not HoursEntry.objects.exists()


def test_a_certificate_counts_approved_hours_and_verifies(
    client_for,
    client,
    world: World,
    on_phone: Volunteer,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.SITE_URL = "https://onestop.example"
    day = timezone.localdate() - dt.timedelta(days=3)
    HoursEntry.objects.create(
        volunteer=on_phone,
        day=day,
        hours=Decimal("4"),
        activity="a",
        source="visit",
        status="approved",
    )
    HoursEntry.objects.create(
        volunteer=on_phone,
        day=day,
        hours=Decimal("2"),
        activity="b",
        source="self",
        status="pending",
    )
    coordinator = client_for("coordinator")
    response = coordinator.post(
        f"/volunteers/{on_phone.pk}/certificates/",
        {"start": _be(day - dt.timedelta(days=30)), "end": _be(timezone.localdate())},
    )
    cert = HoursCertificate.objects.get()
    assert response.status_code == 302 and cert.total_hours == Decimal("4")
    pdf = coordinator.get(f"/volunteers/certificates/{cert.pk}.pdf")
    assert pdf.status_code == 200
    image = pdfium.PdfDocument(pdf.content)[0].render(scale=4).to_pil()
    [qr] = zxingcpp.read_barcodes(image)
    assert qr.text == f"{settings.SITE_URL}/v/hours/{cert.token}"
    page = client.get(f"/v/hours/{cert.token}").content.decode()
    assert 'data-state="valid"' in page and "data-hours>4<" in page.replace(" ", "")
    assert on_phone.family_name not in page
    assert client.get("/v/hours/not-a-real-token-000000000000000").status_code == 404


def test_no_certificate_without_approved_hours_or_with_a_bad_range(
    client_for,
    world: World,
    on_phone: Volunteer,  # type: ignore[no-untyped-def]
) -> None:
    coordinator = client_for("coordinator")
    today = timezone.localdate()
    coordinator.post(
        f"/volunteers/{on_phone.pk}/certificates/", {"start": _be(today), "end": _be(today)}
    )
    coordinator.post(
        f"/volunteers/{on_phone.pk}/certificates/",
        {"start": _be(today), "end": _be(today - dt.timedelta(days=5))},
    )
    assert not HoursCertificate.objects.exists()


def test_other_roles_cannot_decide_hours(client_for, world: World, on_phone: Volunteer) -> None:  # type: ignore[no-untyped-def]
    entry = HoursEntry.objects.create(
        volunteer=on_phone,
        day=timezone.localdate(),
        hours=Decimal("2"),
        activity="a",
        source="self",
    )
    for persona in ("volunteer", "socialworker", "supervisor"):
        client = client_for(persona)
        assert client.post(
            f"/volunteers/hours/{entry.pk}/decide/", {"approve": "1"}
        ).status_code == denied(persona)
        assert client.get("/volunteers/hours/").status_code == denied(persona)
    entry.refresh_from_db()
    assert entry.status == "pending"
