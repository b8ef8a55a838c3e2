"""The API conventions every endpoint follows: status codes, error shape, slashes, language."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

from tests.conftest import World, sign_in


def _error(response) -> dict:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error", "request_id"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["request_id"] == response["X-Request-ID"]
    return body["error"]


def test_no_credentials_is_401(api: Client, world: World) -> None:
    response = api.get("/api/v1/me")
    assert response.status_code == 401
    assert _error(response)["code"] == "not_authenticated"


def test_a_wrong_or_revoked_token_is_401(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer os_nope").status_code == 401
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION="Basic abc").status_code == 401
    from onestop.api.models import ApiToken
    from onestop.api.services import api_token_revoke

    headers = bearer("intake")
    assert api.get("/api/v1/me", **headers).status_code == 200
    api_token_revoke(actor=world["intake"], token=ApiToken.objects.get(user=world["intake"]))
    assert api.get("/api/v1/me", **headers).status_code == 401


def test_credentials_without_permission_is_403(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/v1/teams", {"name": "x"}, content_type="application/json", **bearer("intake")
    )
    assert response.status_code == 403
    assert _error(response)["code"] == "permission_denied"


def test_absent_and_not_yours_are_the_same_404(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("centeradmin")
    missing = api.get("/api/v1/teams/999999", **headers)
    not_yours = api.get(f"/api/v1/teams/{world.team_b1.pk}", **headers)
    assert missing.status_code == not_yours.status_code == 404
    assert _error(missing)["message"] == _error(not_yours)["message"]


def test_invalid_input_is_400_with_field_errors(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/v1/teams",
        {"name": "", "description": 5},
        content_type="application/json",
        **bearer("centeradmin"),
    )
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "validation_error"
    assert "name" in error["fields"]
    assert "description" in error["fields"]


def test_malformed_json_is_400_not_500(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/v1/teams", "{not json", content_type="application/json", **bearer("centeradmin")
    )
    assert response.status_code == 400
    assert _error(response)["code"] in {"validation_error", "bad_request"}


def test_a_missing_field_is_named(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/v1/teams", {}, content_type="application/json", **bearer("centeradmin")
    )
    assert response.status_code == 400
    assert _error(response)["fields"]["name"] == ["จำเป็นต้องกรอกช่องนี้"]


def test_errors_follow_the_language(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    anonymous = api.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")
    assert _error(anonymous)["message"] == "Sign in, or send an API token."
    assert _error(api.get("/api/v1/me"))["message"] == "กรุณาเข้าสู่ระบบ หรือส่งโทเคน API"
    # A signed-in account's saved language wins over the header.
    response = api.get("/api/v1/teams/999999", HTTP_ACCEPT_LANGUAGE="en", **bearer("intake"))
    assert _error(response)["message"] == "ไม่พบข้อมูล"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_too_large_body_is_413(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"name": "x", "description": "ก" * 2000})
    response = api.post(
        "/api/v1/teams", body, content_type="application/json", **bearer("centeradmin")
    )
    assert response.status_code == 413
    assert _error(response)["code"] == "too_large"


def test_a_stale_edit_is_409(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("centeradmin")
    url = f"/api/v1/teams/{world.team_a1.pk}"
    first = api.patch(
        url, {"version": 1, "name": "ทีมใหม่"}, content_type="application/json", **headers
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = api.patch(
        url, {"version": 1, "name": "ทีมเก่า"}, content_type="application/json", **headers
    )
    assert second.status_code == 409
    assert _error(second)["code"] == "stale_edit"


@override_settings(API_ANON_RATE_LIMIT="3/m")
def test_too_many_requests_is_429(api: Client, world: World) -> None:
    codes = [api.get("/api/v1/geo/provinces").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = api.get("/api/v1/geo/provinces")
    assert _error(response)["code"] == "rate_limited"
    assert int(response["Retry-After"]) > 0
    # Another client address has its own allowance.
    assert api.get("/api/v1/geo/provinces", REMOTE_ADDR="10.1.1.1").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/geo/provinces", "/api/v1/geo/provinces/"])
def test_both_slash_forms_answer(api: Client, db: None, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 200
    assert len(response.json()) == 77


def test_a_post_with_a_trailing_slash_is_not_a_500(api: Client, world: World, bearer) -> None:  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/v1/teams/",
        {"name": "ทีมสแลช"},
        content_type="application/json",
        **bearer("centeradmin"),
    )
    assert response.status_code == 201


def test_unknown_api_paths_get_a_json_404(api: Client, db: None) -> None:
    response = api.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_session_post_needs_csrf(api: Client, world: World) -> None:
    sign_in(api, world["centeradmin"])
    response = api.post("/api/v1/teams", {"name": "ทีมซีเอสอาร์เอฟ"}, content_type="application/json")
    assert response.status_code in {401, 403}
    assert api.get("/api/v1/me").status_code == 200


def test_nul_characters_get_a_400_not_a_database_error(world: World, api, bearer) -> None:  # type: ignore[no-untyped-def]
    # Found by schemathesis on PostgreSQL, which cannot store U+0000 in text.
    headers = bearer("supervisor")
    body = api.post(
        "/api/v1/cases",
        {"title": "a\x00b", "clients": []},
        content_type="application/json",
        **headers,
    )
    assert body.status_code == 400 and body.json()["error"]["code"] == "bad_request"
    # JSON in UTF-16 (json.loads reads it too) hides the escape's bytes; still refused.
    utf16 = json.dumps({"title": "a\x00b", "clients": []}).encode("utf-16")
    body = api.post("/api/v1/cases", utf16, content_type="application/json", **headers)
    assert body.status_code == 400 and body.json()["error"]["code"] == "bad_request"
    query = api.get("/api/v1/persons?q=%00", **headers)
    assert query.status_code == 400 and query.json()["error"]["code"] == "bad_request"
    page = sign_in(Client(), world["supervisor"]).get("/cases/%00/")
    assert page.status_code == 400
