from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.conftest import World, denied

NO_QUEUE = [
    "socialworker",
    "centeradmin",
    "coordinator",
    "volunteer",
    "partner",
    "researcher",
    "dpo",
]


def _submit(world: World, text: str, center=None, minutes_ago: int = 0):  # type: ignore[no-untyped-def]
    now = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return help_request_submit(
        center=center or world.center_a, data=HelpRequestInput(description=text), now=now
    ).request


def test_the_public_cannot_see_the_queue(client: Client, world: World) -> None:
    response = client.get("/intake/queue/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", NO_QUEUE)
def test_other_roles_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert client_for(persona).get("/intake/queue/").status_code == denied(persona)


def test_most_urgent_first_then_oldest(
    world: World, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    old_normal = _submit(world, "สอบถามเรื่องเบี้ยยังชีพ", minutes_ago=120)
    new_urgent = _submit(world, "ยายติดเตียงไม่มีคนดูแล", minutes_ago=5)
    newest_most = _submit(world, "ลูกบอกว่าอยากฆ่าตัวตาย", minutes_ago=1)
    other_center = _submit(world, "เรื่องของศูนย์ลำปาง", center=world.center_b)
    client = client_for("intake")
    with django_assert_max_num_queries(12):
        body = client.get("/intake/queue/").content.decode()
    order = [body.index(r.reference) for r in (newest_most, new_urgent, old_normal)]
    assert order == sorted(order)
    assert other_center.reference not in body
    assert "เหลือ" in body  # a deadline timer


def test_overdue_requests_show_it(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _submit(world, "ลูกบอกว่าอยากฆ่าตัวตาย", minutes_ago=90)
    assert "เกินกำหนด" in client_for("intake").get("/intake/queue/").content.decode()


def test_htmx_polling_gets_only_the_rows(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    hr = _submit(world, "ขอความช่วยเหลือด่วน")
    response = client_for("intake").get("/intake/queue/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert hr.reference in body
    assert "<html" not in body and "<tr" in body


def test_the_page_polls(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    assert (
        'hx-trigger="every 15s"' in client_for("supervisor").get("/intake/queue/").content.decode()
    )
