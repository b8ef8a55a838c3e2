from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.centers.models import Team
from tests.conftest import World, denied

OTHERS = [
    "intake",
    "socialworker",
    "supervisor",
    "coordinator",
    "volunteer",
    "partner",
    "researcher",
    "dpo",
]


@pytest.mark.parametrize("persona", OTHERS)
def test_other_roles_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    team = world.team_a1.pk
    for url in (
        "/center/teams/",
        "/center/teams/new/",
        f"/center/teams/{team}/",
        f"/center/teams/{team}/edit/",
    ):
        assert client.get(url).status_code == denied(persona), url


def test_a_team_of_another_center_is_404(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    other = world.team_b1.pk
    assert client.get(f"/center/teams/{other}/").status_code == 404
    assert client.get(f"/center/teams/{other}/edit/").status_code == 404
    assert (
        client.post(f"/center/teams/{other}/edit/", {"name": "x", "version": 1}).status_code == 404
    )
    assert Team.objects.get(pk=other).name == "ทีมลำปาง"


def test_the_list_shows_only_own_teams(
    world: World, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    with django_assert_max_num_queries(10):
        body = client.get("/center/teams/").content.decode()
    assert "ทีมรับเรื่อง" in body
    assert "ทีมลำปาง" not in body


def test_creating_a_team(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/center/teams/new/", {"name": "ทีมเยี่ยมบ้าน", "description": "ลงพื้นที่", "is_active": "on"}
    )
    assert response.status_code == 302
    team = Team.objects.get(name="ทีมเยี่ยมบ้าน")
    assert team.center == world.center_a
    entry = AuditEntry.objects.get(action="centers.team.created", object_id=str(team.pk))
    assert entry.actor == world["centeradmin"]
    assert entry.center == world.center_a


def test_a_duplicate_name_is_refused_with_a_message(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/center/teams/new/", {"name": "ทีมรับเรื่อง", "is_active": "on"}
    )
    assert response.status_code == 200
    assert "ศูนย์นี้มีทีมชื่อนี้อยู่แล้ว" in response.content.decode()
    assert Team.objects.filter(name="ทีมรับเรื่อง").count() == 1


def test_the_same_name_is_fine_in_another_center(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("b_admin").post(
        "/center/teams/new/", {"name": "ทีมรับเรื่อง", "is_active": "on"}
    )
    assert response.status_code == 302


def test_editing_shows_history_and_detects_stale_edits(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    team = world.team_a1
    url = f"/center/teams/{team.pk}/edit/"
    assert (
        client.post(url, {"name": "ทีมรับเรื่องและคัดกรอง", "is_active": "on", "version": 1}).status_code
        == 302
    )
    stale = client.post(url, {"name": "ชื่ออื่น", "is_active": "on", "version": 1})
    assert stale.status_code == 200
    team.refresh_from_db()
    assert team.name == "ทีมรับเรื่องและคัดกรอง"
    detail = client.get(f"/center/teams/{team.pk}/").content.decode()
    assert "centers.team.updated" in detail
    assert "ทีมรับเรื่องและคัดกรอง" in detail


def test_html_in_a_name_is_shown_escaped(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    client.post("/center/teams/new/", {"name": "<script>alert(1)</script>", "is_active": "on"})
    body = client.get("/center/teams/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
