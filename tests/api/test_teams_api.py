from __future__ import annotations

import pytest
from django.test import Client

from onestop.audit.models import AuditEntry
from onestop.centers.models import Team
from tests.conftest import World, sign_in


def test_me_lists_roles_and_capabilities(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    body = api.get("/api/v1/me", **bearer("supervisor")).json()
    assert body["username"] == "supervisor"
    assert body["center_id"] == world.center_a.pk
    assert body["roles"] == ["supervisor"]
    assert "can_approve" in body["capabilities"]
    assert "can_manage_users" not in body["capabilities"]


def test_teams_are_scoped_to_the_center(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    names = {t["name"] for t in api.get("/api/v1/teams", **bearer("socialworker")).json()}
    assert names == {"ทีมรับเรื่อง", "ทีมสังคมสงเคราะห์ 1"}
    b_names = {t["name"] for t in api.get("/api/v1/teams", **bearer("b_socialworker")).json()}
    assert b_names == {"ทีมลำปาง"}


def test_creating_a_team_uses_the_same_service_and_audit(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/v1/teams",
        {"name": "ทีมเอพีไอ", "description": "สร้างผ่าน API"},
        content_type="application/json",
        **bearer("centeradmin"),
    )
    assert response.status_code == 201
    team = Team.objects.get(pk=response.json()["id"])
    assert team.center == world.center_a
    entry = AuditEntry.objects.get(action="centers.team.created", object_id=str(team.pk))
    assert entry.actor == world["centeradmin"]
    assert entry.request_id == response["X-Request-ID"]


def test_a_duplicate_team_name_is_400(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/v1/teams",
        {"name": "ทีมรับเรื่อง"},
        content_type="application/json",
        **bearer("centeradmin"),
    )
    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]


@pytest.mark.parametrize("persona", ["socialworker", "intake", "dpo"])
def test_other_roles_cannot_edit_teams(api: Client, world: World, bearer, persona: str) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/teams/{world.team_a1.pk}"
    response = api.patch(
        url, {"version": 1, "name": "x"}, content_type="application/json", **bearer(persona)
    )
    assert response.status_code == 403


def test_another_centers_team_cannot_be_edited(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/teams/{world.team_b1.pk}"
    response = api.patch(
        url, {"version": 1, "name": "x"}, content_type="application/json", **bearer("centeradmin")
    )
    assert response.status_code == 404
    assert Team.objects.get(pk=world.team_b1.pk).name == "ทีมลำปาง"


def test_volunteers_have_no_api_tokens(world: World) -> None:
    from django.core.exceptions import PermissionDenied

    from onestop.api.services import api_token_create

    with pytest.raises(PermissionDenied):
        api_token_create(user=world["volunteer"], name="x")


def test_the_directory_needs_its_capability(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    assert api.get("/api/v1/organizations", **bearer("intake")).status_code == 200
    sign_in(api, world["researcher"])  # researchers have no tokens; the session works too
    assert api.get("/api/v1/organizations").status_code == 403


def test_centers_lists_own_or_all(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    assert [c["code"] for c in api.get("/api/v1/centers", **bearer("intake")).json()] == ["TU"]
    sign_in(api, world["sysadmin"])
    codes = {c["code"] for c in api.get("/api/v1/centers").json()}
    assert codes == {"TU", "LP"}


def test_address_lookups_are_public(api: Client, db: None) -> None:
    districts = api.get("/api/v1/geo/provinces/13/districts").json()
    assert any(d["name_th"] == "คลองหลวง" for d in districts)
    subs = api.get("/api/v1/geo/districts/1302/subdistricts").json()
    assert {
        "code": "130202",
        "name_th": "คลองสอง",
        "name_en": "Khlong Song",
        "postcodes": ["12120"],
    } in subs
    assert api.get("/api/v1/geo/provinces/99/districts").status_code == 404
