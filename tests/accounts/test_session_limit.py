"""Sessions end a fixed time after sign-in (accounts.middleware.SessionLimitMiddleware)."""

from __future__ import annotations

import time

from django.test import Client

from onestop.accounts.auth_events import SIGNED_IN_AT
from onestop.audit.models import AuditEntry
from tests.conftest import World, sign_in


def _age(client: Client, hours: float) -> None:
    session = client.session
    session[SIGNED_IN_AT] = time.time() - hours * 3600
    session.save()


def test_sign_in_starts_the_clock(world: World) -> None:
    client = sign_in(Client(), world["socialworker"])
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 60


def test_an_administrators_session_ends_after_two_hours(world: World) -> None:
    client = sign_in(Client(), world["centeradmin"])
    _age(client, 1.9)
    assert client.get("/accounts/staff/").status_code == 200
    _age(client, 2.1)
    response = client.get("/accounts/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "เซสชันของคุณครบเวลาที่กำหนดแล้ว" in page
    assert client.get("/accounts/staff/").status_code == 302  # signed out, not just redirected
    entry = AuditEntry.objects.get(action="accounts.session.expired")
    assert entry.actor == world["centeradmin"]


def test_other_staff_sessions_last_a_working_day(world: World) -> None:
    client = sign_in(Client(), world["socialworker"])
    _age(client, 11)
    assert client.get("/cases/").status_code == 200
    _age(client, 12.5)
    assert client.get("/cases/").status_code == 302


def test_an_expired_session_gets_a_json_401_from_the_api(world: World) -> None:
    client = sign_in(Client(), world["sysadmin"])
    _age(client, 3)
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_session_from_before_the_limit_starts_counting_now(world: World) -> None:
    client = sign_in(Client(), world["centeradmin"])
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get("/accounts/staff/").status_code == 200
    assert SIGNED_IN_AT in client.session
