"""POST /api/v1/help-requests and GET /api/v1/help-requests/status (public)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from onestop.api.intake import HelpRequestCreated
from onestop.intake.models import HelpRequest
from tests.conftest import World

FULL = {
    "channel": "web",
    "description": "พ่อทำร้ายร่างกายแม่ทุกคืน ลูกสองคนอายุ 8 และ 10 ขวบอยู่ด้วย",
    "category_code": "VIO.DV",
    "reporter": {
        "relationship": "neighbour",
        "anonymous": False,
        "name": "สมศักดิ์",
        "phone": "0812345678",
        "line_id": "somsak",
        "safe_to_contact": False,
    },
    "subject": {"name": "แม่ของเด็ก", "age_estimate": 35, "sex": "F", "description": "ผมยาว"},
    "location": {"subdistrict_code": "130201", "address_text": "หมู่ 3", "lat": 14.07, "lng": 100.60},
    "notice_version": "2568-1",
}


def _post(client: Client, body: object, **headers: str):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/help-requests", body, content_type="application/json", **headers)


def test_only_a_description_is_required(client: Client, world: World) -> None:
    response = _post(client, {"description": "มีเด็กถูกทิ้งไว้หน้าร้านค้า"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"reference", "tracking_code", "status"}
    assert body["status"] == "received"
    # The view builds this answer by hand: it must still be what the OpenAPI documents.
    assert HelpRequestCreated.model_validate(body).model_dump() == body
    assert response["Content-Type"] == "application/json"
    hr = HelpRequest.objects.get(reference=body["reference"])
    assert hr.suggested_urgency == "most_urgent"  # ทิ้ง + เด็ก


def test_every_documented_field_is_stored(client: Client, world: World) -> None:
    response = _post(client, FULL)
    assert response.status_code == 201
    hr = HelpRequest.objects.get()
    assert hr.category_id == "VIO.DV"
    assert hr.reporter_relationship == "neighbour"
    assert hr.reporter_phone == "+66812345678"
    assert hr.safe_to_contact is False
    assert hr.subject_sex == "F" and hr.subject_age == 35
    assert hr.target_group == "adult"
    assert hr.subdistrict_id == "130201"
    assert float(hr.lat) == pytest.approx(14.07)
    assert hr.notice_version == "2568-1"


def test_an_idempotency_key_makes_a_retry_return_the_first_request(
    client: Client, world: World
) -> None:
    first = _post(client, FULL, HTTP_IDEMPOTENCY_KEY="3c0e8a52-retry")
    second = _post(client, FULL, HTTP_IDEMPOTENCY_KEY="3c0e8a52-retry")
    assert first.status_code == 201
    assert second.status_code == 200
    assert first.json() == second.json()
    assert HelpRequest.objects.count() == 1
    assert _post(client, FULL, HTTP_IDEMPOTENCY_KEY="another").status_code == 201


def test_the_trailing_slash_form_works_too(client: Client, world: World) -> None:
    response = client.post(
        "/api/v1/help-requests/",
        {"description": "ขอความช่วยเหลือเรื่องบ้าน"},
        content_type="application/json",
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "description"),
        ({"description": ""}, "description"),
        ({"description": "   "}, "description"),
        ({"description": "ก" * 20000}, "description"),
        (
            {"description": "x", "location": {"subdistrict_code": "999999"}},
            "location.subdistrict_code",
        ),
        ({"description": "x", "location": {"lat": 35.68, "lng": 139.69}}, "location"),
        ({"description": "x", "location": {"lat": 14.0}}, "location"),
        ({"description": "x", "channel": "fax"}, "channel"),
        ({"description": "x", "subject": {"age_estimate": -1}}, "subject.age_estimate"),
        ({"description": "x", "reporter": {"phone": "123"}}, "reporter.phone"),
        ({"description": "x", "category_code": "NOPE"}, "category_code"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    client: Client, world: World, body: dict, field: str
) -> None:  # type: ignore[type-arg]
    response = _post(client, body)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"], error
    assert all(error["fields"][field])
    assert HelpRequest.objects.count() == 0


def test_malformed_json_is_a_400(client: Client, world: World) -> None:
    response = client.post("/api/v1/help-requests", "{oops", content_type="application/json")
    assert response.status_code == 400
    assert HelpRequest.objects.count() == 0


def test_html_is_stored_as_given_and_returned_as_json(client: Client, world: World) -> None:
    payload = "<script>alert(1)</script>"
    assert _post(client, {"description": payload}).status_code == 201
    assert HelpRequest.objects.get().description == payload


@override_settings(INTAKE_RATE_PER_IP="20/h")
def test_the_21st_request_in_an_hour_is_429(client: Client, world: World) -> None:
    for i in range(20):
        assert _post(client, {"description": f"เรื่องที่ {i}"}).status_code == 201
    response = _post(client, {"description": "เรื่องที่ 21"})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert "1300" in response.json()["error"]["message"]


def test_status_by_reference_and_code(client: Client, world: World) -> None:
    created = _post(client, {"description": "ขอความช่วยเหลือ"}).json()
    response = client.get(
        "/api/v1/help-requests/status",
        {"reference": created["reference"], "tracking_code": created["tracking_code"]},
    )
    assert response.status_code == 200
    assert response.json() == {
        "reference": created["reference"],
        "status": "received",
        "status_label": "รับเรื่องแล้ว",
    }
    # Codes are case-insensitive and the dash is optional, as people type them.
    loose = created["tracking_code"].replace("-", "").lower()
    assert (
        client.get(
            "/api/v1/help-requests/status",
            {"reference": created["reference"].lower(), "tracking_code": loose},
        ).status_code
        == 200
    )


def test_unknown_reference_and_wrong_code_get_the_same_404(client: Client, world: World) -> None:
    created = _post(client, {"description": "ขอความช่วยเหลือ"}).json()
    wrong_code = client.get(
        "/api/v1/help-requests/status",
        {"reference": created["reference"], "tracking_code": "AAAA-AAAA"},
    )
    unknown = client.get(
        "/api/v1/help-requests/status",
        {"reference": "TU-0000-00000", "tracking_code": created["tracking_code"]},
    )
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.json()["error"]["message"] == unknown.json()["error"]["message"]
    assert "สมศักดิ์" not in wrong_code.content.decode()


def test_status_values_are_documented_with_thai_labels(client: Client, db: None) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    text = str(doc["paths"]["/api/v1/help-requests"]) + str(doc["components"])
    for thai in ("รับเรื่องแล้ว", "กำลังพิจารณา", "รับเป็นเคส", "ส่งต่อ", "ปิดเรื่อง"):
        assert thai in text
