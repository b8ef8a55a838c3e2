"""/volunteers/ and /volunteers/<pk>/: the coordinator's registry."""

from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.volunteers.models import Volunteer
from tests.conftest import World, denied


def test_the_registry_lists_this_centers_volunteers_with_filters(
    client_for,
    world: World,
    apply,
    active_volunteer: Volunteer,  # type: ignore[no-untyped-def]
) -> None:
    other = apply(center=world.center_b, given_name="ลำปาง")
    waiting = apply(given_name="ผู้สมัครใหม่", type_code="student")
    client = client_for("coordinator")
    page = client.get("/volunteers/").content.decode()
    assert active_volunteer.given_name in page and waiting.given_name in page
    assert other.given_name not in page
    assert "มีใบสมัครรอพิจารณา 1 ใบ" in page
    only_active = client.get("/volunteers/", {"status": "active"}).content.decode()
    assert waiting.given_name not in only_active and active_volunteer.given_name in only_active
    by_number = client.get("/volunteers/", {"q": "0042/2568"}).content.decode()
    assert active_volunteer.given_name in by_number and waiting.given_name not in by_number
    assert client.get("/volunteers/", {"status": "nonsense"}).status_code == 200


def test_opening_a_volunteer_is_audited(client_for, world: World, apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    response = client_for("coordinator").get(f"/volunteers/{v.pk}/")
    assert response.status_code == 200
    assert "1-1017-00230-70-8" in response.content.decode()
    assert AuditEntry.objects.filter(kind="read", object_id=str(v.pk)).exists()


@pytest.mark.parametrize(
    "persona", ["socialworker", "supervisor", "volunteer", "partner", "researcher"]
)
def test_other_roles_get_403(client_for, world: World, apply, persona: str) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    client = client_for(persona)
    no = denied(persona)
    assert client.get("/volunteers/").status_code == no
    assert client.get(f"/volunteers/{v.pk}/").status_code == no
    assert client.get(f"/volunteers/{v.pk}/photo").status_code == no


def test_the_public_is_sent_to_sign_in(client, world: World, apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    assert client.get("/volunteers/").status_code == 302
    assert client.get(f"/volunteers/{v.pk}/photo").status_code == 302


def test_an_unknown_volunteer_is_404(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    assert client_for("coordinator").get("/volunteers/999999/").status_code == 404
