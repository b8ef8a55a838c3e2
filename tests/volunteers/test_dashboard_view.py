"""/volunteers/dashboard/: the coordinator's view of volunteers, visits, cards and hours."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from onestop.volunteers.models import Card, HoursEntry, Visit, Volunteer
from tests.conftest import World, denied


def test_the_dashboard_counts_and_maps(
    client_for, world: World, visit: Visit, on_phone: Volunteer, card: Card
) -> None:  # type: ignore[no-untyped-def]
    Visit.objects.filter(pk=visit.pk).update(due=timezone.localdate() - dt.timedelta(days=1))
    Card.objects.filter(pk=card.pk).update(expires_on=timezone.localdate() + dt.timedelta(days=10))
    HoursEntry.objects.create(
        volunteer=on_phone,
        day=timezone.localdate(),
        hours=Decimal("2.5"),
        activity="a",
        source="self",
        status="approved",
    )
    response = client_for("coordinator").get("/volunteers/dashboard/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-active>1<" in page.replace(" ", "")
    assert f'data-overdue="{visit.pk}"' in page
    assert f'data-expiring="{card.pk}"' in page
    assert "data-hours-month>2.5<" in page.replace(" ", "")
    assert "คลองหลวง" in page
    points = json.loads(
        page.split('id="visit-points" type="application/json">')[1].split("</script>")[0]
    )
    assert points == [
        {
            "lat": 14.072,
            "lng": 100.621,
            "status": points[0]["status"],
            "due": points[0]["due"],
            "urgent": False,
        }
    ]
    assert "/static/leaflet/leaflet.js" in page


@pytest.mark.parametrize("persona", ["socialworker", "supervisor", "volunteer", "researcher"])
def test_other_roles_get_403(client_for, world: World, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert client_for(persona).get("/volunteers/dashboard/").status_code == denied(persona)
