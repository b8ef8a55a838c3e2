"""/events/manage/<pk>/check-in/ and walk-in: the organiser at the door."""

from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.events import services
from onestop.events.models import Event, Registration
from tests.conftest import World, denied, make_user, sign_in
from tests.events.conftest import person


def test_scan_type_or_paste_checks_in_once(
    client_for, world: World, event: Event, registered: Registration
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    url = f"/events/manage/{event.pk}/check-in/"
    response = client.post(url, {"code": services.ticket_url(registered)})
    assert (
        response.status_code == 200
        and f'data-checked-in="{registered.pk}"' in response.content.decode()
    )
    registered.refresh_from_db()
    first = registered.checked_in_at
    assert first is not None and registered.checked_in_by == world["coordinator"]
    again = client.post(
        url, {"code": f"{registered.door_code[:3]}-{registered.door_code[3:]}".lower()}
    )
    assert again.status_code == 200
    registered.refresh_from_db()
    assert registered.checked_in_at == first
    assert AuditEntry.objects.filter(action="events.registration.checked_in").count() == 1


def test_forged_other_event_and_waitlisted_tickets_are_refused(
    client_for,
    world: World,
    event: Event,
    make_event,  # type: ignore[no-untyped-def]
) -> None:
    other = make_event(title="อบรมอีกงาน")
    theirs = services.register(event=other, data=person(9)).registration
    services.register(event=event, data=person(1))
    services.register(event=event, data=person(2))
    waiting = services.register(event=event, data=person(3)).registration
    client = client_for("coordinator")
    url = f"/events/manage/{event.pk}/check-in/"
    for code in (
        "made-up-token-0000000000000000000000000000",
        theirs.token,
        waiting.token,
        "ZZZZZZ",
    ):
        response = client.post(url, {"code": code})
        assert response.status_code == 400, code
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_walk_ins_fill_free_places_only(client_for, world: World, make_event) -> None:  # type: ignore[no-untyped-def]
    event = make_event(capacity=1)
    client = client_for("coordinator")
    url = f"/events/manage/{event.pk}/walk-in/"
    client.post(
        url, {"walkin-name": "เดินเข้ามา", "walkin-phone": "0812345678", "walkin-consent": "on"}
    )
    reg = Registration.objects.get()
    assert reg.walk_in and reg.checked_in_at is not None
    client.post(url, {"walkin-name": "อีกคน", "walkin-phone": "0812345679", "walkin-consent": "on"})
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("persona", ["socialworker", "volunteer", "partner", "supervisor"])
def test_other_roles_cannot_run_the_door(
    client_for, world: World, event: Event, registered: Registration, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    no = denied(persona)
    assert client.get(f"/events/manage/{event.pk}/check-in/").status_code == no
    assert (
        client.post(f"/events/manage/{event.pk}/check-in/", {"code": registered.token}).status_code
        == no
    )
    assert client.get(f"/events/manage/{event.pk}/attendance.csv").status_code == no
    assert client.get("/events/manage/").status_code == no
    registered.refresh_from_db()
    assert registered.checked_in_at is None


def test_another_centers_coordinator_gets_404(client, world: World, event: Event) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, make_user("b_coord", world.center_b, ["coordinator"]))
    assert client.get(f"/events/manage/{event.pk}/").status_code == 404
    assert client.get(f"/events/manage/{event.pk}/check-in/").status_code == 404
